using MarketMaking.Core.Errors;
using MarketMaking.Core.Randomness;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Evaluation;
using MarketMaking.Simulation.Model;

namespace MarketMaking.Learning.Tests.Environments;

public class ExploringStartsTests
{
    private static EnvironmentSettings Settings(int exploring) => new()
    {
        Market = new ModelMarketParameters { A = 10, Kappa = 1, Sigma = 0.1, Horizon = 1, TimeStep = 0.01 },
        Actions = DepthGrid.Symmetric([0.5, 1.0, 1.5]),
        Phi = 0.5,
        TerminalPenalty = 0.001,
        MaxInventory = 10,
        ExploringStartInventory = exploring,
    };

    /// <summary>Uniform on −Q…Q from the top 32 bits of one xoshiro output: ⌊bits₃₂ · (2Q + 1) / 2³²⌋ − Q.</summary>
    private static int UniformStart(ref ScalarRandom random, int q) => (int)(((random.NextBits() >> 32) * (ulong)((2 * q) + 1)) >> 32) - q;

    [Fact]
    public void EachTrajectoryStartsAtTheFirstDrawOfItsOwnStream()
    {
        const int N = 37, Q = 4;
        var env = new ModelMarketEnvironment(Settings(Q), N);
        float[] obs = new float[2 * N];
        env.Reset(11, obs);
        for (int i = 0; i < N; i++)
        {
            var stream = new ScalarRandom(11, i);
            int expected = UniformStart(ref stream, Q);
            Assert.Equal(expected, env.Inventory[i]);
            Assert.Equal(expected / 10f, obs[2 * i]);
            Assert.Equal(1f, obs[(2 * i) + 1]);   // the start time is not explored: every episode starts at t = 0
        }
    }

    [Fact]
    public void StartingInventoriesAreUniformOverTheRange()
    {
        // 7,000 trajectories on −3…3: 1,000 expected at each level. χ² with 6 degrees of freedom stays
        // below 22.46 with probability 0.999; the seed is fixed, so this is a check of the mapping (a
        // biased one, e.g. a range off by one, gives thousands).
        const int N = 7000, Q = 3;
        var env = new ModelMarketEnvironment(Settings(Q), N);
        env.Reset(2024, new float[2 * N]);
        int[] counts = new int[(2 * Q) + 1];
        foreach (int q in env.Inventory)
        {
            counts[q + Q]++;
        }

        double expected = (double)N / counts.Length;
        double chiSquared = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.All(counts, c => Assert.True(c > 0));
        Assert.InRange(chiSquared, 0, 22.46);
    }

    [Fact]
    public void EveryNewEpisodeDrawsItsStartAfterTheLastStepsDraws()
    {
        // Two episodes of 37 trajectories (groups of four on the vectorized path, one scalar), grid and
        // continuous actions alike: at each horizon every inventory is the next uniform draw of the
        // trajectory's stream, after the step's own draws (bid uniform, ask uniform, coin), and the
        // observation returned is the new episode's first.
        const int N = 37, Q = 5;
        EnvironmentSettings settings = Settings(Q);
        foreach (bool continuous in new[] { false, true })
        {
            var env = new ModelMarketEnvironment(settings, N);
            float[] obs = new float[2 * N], rewards = new float[N];
            bool[] done = new bool[N], cut = new bool[N];
            int[] actions = new int[N];
            double[] depths = new double[2 * N];
            var streams = new ScalarRandom[N];
            env.Reset(5, obs);
            for (int i = 0; i < N; i++)
            {
                streams[i] = new ScalarRandom(5, i);
                Assert.Equal(UniformStart(ref streams[i], Q), env.Inventory[i]);
            }

            for (int step = 0; step < 2 * settings.Steps; step++)
            {
                for (int i = 0; i < N; i++)
                {
                    actions[i] = (i + step) % settings.Actions.Count;
                    (depths[2 * i], depths[(2 * i) + 1]) = (settings.Actions.BidDepth(actions[i]), settings.Actions.AskDepth(actions[i]));
                }

                if (continuous)
                {
                    env.StepDepths(depths, obs, rewards, done, cut);
                }
                else
                {
                    env.Step(actions, obs, rewards, done, cut);
                }

                bool last = (step + 1) % settings.Steps == 0;
                for (int i = 0; i < N; i++)
                {
                    streams[i].NextUniform();
                    streams[i].NextUniform();
                    streams[i].NextBool();
                    if (last)
                    {
                        int start = UniformStart(ref streams[i], Q);
                        Assert.Equal(start, env.Inventory[i]);
                        Assert.Equal(start / 10f, obs[2 * i]);
                        Assert.Equal(1f, obs[(2 * i) + 1]);
                    }
                }

                Assert.All(done, d => Assert.Equal(last, d));
            }
        }
    }

    [Fact]
    public void EvaluationIgnoresExploringStarts()
    {
        // The Monte Carlo objective (what mm evaluate scores) starts every trajectory at q0 whatever the
        // training option says: the same estimate to the last bit, for a constant depth and for the
        // exact optimum.
        EnvironmentSettings plain = Settings(0), exploring = Settings(10);
        var without = new ObjectiveEvaluator(plain, 2000, 12345);
        var with = new ObjectiveEvaluator(exploring, 2000, 12345);
        AssertSame(without.Evaluate("c", new ConstantDepthStrategy(1.2, 10)), with.Evaluate("c", new ConstantDepthStrategy(1.2, 10)));
        AssertSame(without.Evaluate("o", without.Optimal()), with.Evaluate("o", with.Optimal()));
    }

    private static void AssertSame(ObjectiveEstimate expected, ObjectiveEstimate actual)
    {
        Assert.Equal(expected.PerTrajectory, actual.PerTrajectory);
        double[] none = [];
        Assert.Equal(expected with { PerTrajectory = none }, actual with { PerTrajectory = none });
    }

    [Fact]
    public void WithoutTheOptionEveryEpisodeStartsAtTheInitialInventory()
    {
        var env = new ModelMarketEnvironment(Settings(0) with { InitialInventory = 2 }, 9);
        float[] obs = new float[18], rewards = new float[9];
        bool[] done = new bool[9], cut = new bool[9];
        env.Reset(3, obs);
        Assert.All(env.Inventory.ToArray(), q => Assert.Equal(2, q));
        for (int step = 0; step < 100; step++)
        {
            env.Step(new int[9], obs, rewards, done, cut);
        }

        Assert.All(env.Inventory.ToArray(), q => Assert.Equal(2, q));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void AStartRangeOutsideTheLimitIsRefused(int exploring)
    {
        var error = Assert.Throws<InvalidParameterException>(() => new ModelMarketEnvironment(Settings(exploring), 1));
        Assert.Contains("exploring_starts", error.Message);
    }
}
