using MarketMaking.Core.Randomness;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Evaluation;
using MarketMaking.Simulation.Model;

namespace MarketMaking.Learning.Tests.Environments;

public class ModelMarketEnvironmentTests
{
    private static EnvironmentSettings Settings(double a = 10, int maxInventory = 10, double phi = 0.5) => new()
    {
        Market = new ModelMarketParameters { A = a, Kappa = 1, Sigma = 0.1, Horizon = 1, TimeStep = 0.01 },
        Actions = DepthGrid.Symmetric([0.5, 1.0, 1.5]),
        Phi = phi,
        TerminalPenalty = 0.001,
        MaxInventory = maxInventory,
    };

    [Fact]
    public void FillProbabilitiesFollowTheModel()
    {
        // λ(δ)·dt = 10·e^(−1)·0.01 = 0.0367879 (linear rule); exact: 1 − e^(−0.0367879) = 0.0361195.
        var market = new ModelMarketParameters { A = 10, Kappa = 1, TimeStep = 0.01 };
        Assert.Equal(0.036787944117144235, ModelMarketEnvironment.FillProbability(market, 1), 15);
        Assert.Equal(0.0361194898, ModelMarketEnvironment.FillProbability(market with { FillRule = FillRule.Exact }, 1), 10);
        Assert.Equal(1, ModelMarketEnvironment.FillProbability(market with { A = 1e6 }, 0));
    }

    [Fact]
    public void EveryFillIsCertainAtHugeIntensityAndTheRewardAddsUp()
    {
        // With fills certain on both sides, q stays 0: the reward is the two depths, 0.5 + 1.5 = 2, and no penalty.
        var settings = Settings(a: 1e9);
        var env = new ModelMarketEnvironment(settings, 3);
        float[] obs = new float[3 * 2], rewards = new float[3];
        bool[] done = new bool[3], cut = new bool[3];
        env.Reset(1, obs);
        Assert.Equal([0f, 1f, 0f, 1f, 0f, 1f], obs);
        int action = settings.Actions.Action(0, 2);
        env.Step([action, action, action], obs, rewards, done, cut);

        Assert.All(rewards, r => Assert.Equal(2f, r, 5));
        Assert.Equal(0.99f, obs[1], 6);
        Assert.False(done[0]);
    }

    [Fact]
    public void TheLimitStopsTheGrowingSideAndEpisodesEndAndRestart()
    {
        // Bids always fill, asks never (depth beyond reach): q climbs to Q_max = 2 and stays there.
        var settings = Settings(a: 1e9, maxInventory: 2) with { Actions = new DepthGrid([0.5], [1e9]) };
        var env = new ModelMarketEnvironment(settings, 1);
        float[] obs = new float[2], rewards = new float[1];
        bool[] done = new bool[1], cut = new bool[1];
        env.Reset(1, obs);
        for (int step = 1; step <= 99; step++)
        {
            env.Step([0], obs, rewards, done, cut);
            Assert.Equal(Math.Min(step, 2), env.Inventory[0]);
            Assert.False(done[0]);
        }

        env.Step([0], obs, rewards, done, cut);
        Assert.True(done[0]);
        Assert.Equal([0f, 1f], obs);   // the next episode's first observation
    }

    [Fact]
    public void ContinuousDepthsOnTheGridStepExactlyAsTheGridActions()
    {
        // The same seed and the same depths, once as grid actions and once as continuous depths:
        // identical rewards, inventories and observations over two whole episodes.
        var settings = Settings();
        var grid = new ModelMarketEnvironment(settings, 8);
        var continuous = new ModelMarketEnvironment(settings, 8);
        float[] gridObs = new float[16], contObs = new float[16], gridRewards = new float[8], contRewards = new float[8];
        bool[] gridDone = new bool[8], contDone = new bool[8], cut = new bool[8];
        int[] actions = new int[8];
        double[] depths = new double[16];
        grid.Reset(3, gridObs);
        continuous.Reset(3, contObs);
        for (int step = 0; step < 200; step++)
        {
            for (int i = 0; i < 8; i++)
            {
                actions[i] = (i * 7 + step) % settings.Actions.Count;
                depths[2 * i] = settings.Actions.BidDepth(actions[i]);
                depths[(2 * i) + 1] = settings.Actions.AskDepth(actions[i]);
            }

            grid.Step(actions, gridObs, gridRewards, gridDone, cut);
            continuous.StepDepths(depths, contObs, contRewards, contDone, cut);
            Assert.Equal(gridRewards, contRewards);
            Assert.Equal(gridObs, contObs);
            Assert.Equal(gridDone, contDone);
            Assert.Equal(grid.Inventory.ToArray(), continuous.Inventory.ToArray());
        }
    }

    [Fact]
    public void ContinuousDepthsAreClampedIntoTheirRange()
    {
        // Fills certain on both sides: the reward is the two depths after clamping into [0, 1.5]
        // (the grid's largest depth): 0 + 1.5, and 0.7 + 1.2 inside the range.
        var settings = Settings(a: 1e9);
        Assert.Equal(new DepthRange(0, 1.5), settings.Depths);
        var env = new ModelMarketEnvironment(settings, 2);
        float[] obs = new float[4], rewards = new float[2];
        bool[] done = new bool[2], cut = new bool[2];
        env.Reset(1, obs);
        env.StepDepths([-0.4, 9.0, 0.7, 1.2], obs, rewards, done, cut);
        Assert.Equal(1.5f, rewards[0], 5);
        Assert.Equal(1.9f, rewards[1], 5);
        Assert.Throws<ArgumentException>(() => env.StepDepths([1.0], obs, rewards, done, cut));
    }

    [Fact]
    public void DepthRangeMapsSquashedActionsLinearly()
    {
        var range = new DepthRange(0.5, 2.5);
        Assert.Equal(0.5, range.Depth(-1));
        Assert.Equal(1.5, range.Depth(0));
        Assert.Equal(2.5, range.Depth(1));
        Assert.Equal(2.5, range.Depth(1.0000001));
        Assert.Equal(-0.5, range.Action(1.0), 12);
        Assert.Throws<MarketMaking.Core.Errors.InvalidParameterException>(() => new DepthRange(2, 1));
        Assert.Throws<MarketMaking.Core.Errors.InvalidParameterException>(() => new DepthRange(-1, 1));
    }

    [Theory]
    [InlineData(RewardKind.RunningPenalty)]
    [InlineData(RewardKind.Dampened)]
    public void EveryTrajectoryStepsAsTheModelSaysWhateverItsPlaceInTheVector(RewardKind reward)
    {
        // 37 trajectories: nine groups of four for the vectorized path and one left for the scalar one.
        // The reference below draws each trajectory's stream (bid uniform, ask uniform, coin) and applies
        // the documented step in doubles; rewards, inventories and observations must agree bit for bit
        // over two episodes, with a limit of 2 that the fills reach.
        const int N = 37;
        var settings = Settings(a: 40, maxInventory: 2) with { Reward = reward, Damping = 0.3 };
        var env = new ModelMarketEnvironment(settings, N);
        float[] obs = new float[2 * N], rewards = new float[N];
        bool[] done = new bool[N], cut = new bool[N];
        int[] actions = new int[N];
        var random = new ScalarRandom[N];
        int[] q = new int[N];
        double dt = settings.Market.TimeStep, shock = settings.Market.Sigma * Math.Sqrt(dt);
        env.Reset(9, obs);
        for (int i = 0; i < N; i++)
        {
            random[i] = new ScalarRandom(9, i);
        }

        for (int step = 0; step < 2 * settings.Steps; step++)
        {
            bool last = (step + 1) % settings.Steps == 0;
            for (int i = 0; i < N; i++)
            {
                actions[i] = ((i * 5) + (step * 3)) % settings.Actions.Count;
            }

            env.Step(actions, obs, rewards, done, cut);
            for (int i = 0; i < N; i++)
            {
                int bid = actions[i] / settings.Actions.AskCount, ask = actions[i] % settings.Actions.AskCount;
                double bidDepth = settings.Actions.BidDepths[bid], askDepth = settings.Actions.AskDepths[ask];
                bool bought = random[i].NextUniform() < ModelMarketEnvironment.FillProbability(settings.Market, bidDepth) && q[i] < 2;
                bool soldDraw = random[i].NextUniform() < ModelMarketEnvironment.FillProbability(settings.Market, askDepth);
                q[i] += bought ? 1 : 0;
                bool sold = soldDraw && q[i] > -2;
                q[i] -= sold ? 1 : 0;
                double move = random[i].NextBool() ? shock : -shock;
                double gain = q[i] * move;
                double expected = (bought ? bidDepth : 0) + (sold ? askDepth : 0);
                expected += reward == RewardKind.RunningPenalty
                    ? gain - (settings.Phi * dt * q[i] * q[i]) - (0 * Math.Max(0, gain))
                    : gain - (0 * (double)q[i] * q[i]) - (0.3 * Math.Max(0, gain));
                if (last)
                {
                    expected -= (reward == RewardKind.RunningPenalty ? settings.TerminalPenalty : 0) * q[i] * q[i];
                    q[i] = 0;
                }

                Assert.Equal((float)expected, rewards[i]);
                Assert.Equal(q[i], env.Inventory[i]);
                Assert.Equal(q[i] / 2f, obs[2 * i]);
                Assert.Equal(last, done[i]);
            }
        }
    }

    [Theory]
    [InlineData(RewardKind.RunningPenalty, 40)]
    [InlineData(RewardKind.Dampened, 40)]
    [InlineData(RewardKind.RunningPenalty, 1e9)]
    public void TheVectorizedStepMatchesTheScalarTransitionBitForBit(RewardKind reward, double a)
    {
        // A trajectory's stream depends only on (seed, index), so trajectories 0 … 2 of a 64-wide environment
        // (stepped four per vector where AVX2 runs) and of a 3-wide one (fewer than four: only the scalar
        // Transition) must see the same numbers. 5,000 random steps: 50 episodes, fills reaching the limit of 2
        // (and at a = 1e9 fills certain, thresholds of 2⁵³).
        const int Wide = 64, Narrow = 3, Steps = 5000;
        var settings = Settings(a: a, maxInventory: 2) with { Reward = reward, Damping = 0.3 };
        var wide = new ModelMarketEnvironment(settings, Wide);
        var narrow = new ModelMarketEnvironment(settings, Narrow);
        float[] wideObs = new float[2 * Wide], wideRewards = new float[Wide], narrowObs = new float[2 * Narrow], narrowRewards = new float[Narrow];
        bool[] wideDone = new bool[Wide], wideCut = new bool[Wide], narrowDone = new bool[Narrow], narrowCut = new bool[Narrow];
        int[] actions = new int[Wide];
        var choice = new ScalarRandom(17);
        wide.Reset(5, wideObs);
        narrow.Reset(5, narrowObs);
        for (int step = 0; step < Steps; step++)
        {
            for (int i = 0; i < Wide; i++)
            {
                actions[i] = choice.NextInt(settings.Actions.Count);
            }

            wide.Step(actions, wideObs, wideRewards, wideDone, wideCut);
            narrow.Step(actions.AsSpan(0, Narrow), narrowObs, narrowRewards, narrowDone, narrowCut);
            Assert.Equal(narrowRewards, wideRewards[..Narrow]);
            Assert.Equal(narrowObs, wideObs[..(2 * Narrow)]);
            Assert.Equal(narrow.Inventory.ToArray(), wide.Inventory[..Narrow].ToArray());
            Assert.Equal(narrowDone, wideDone[..Narrow]);
        }
    }

    [Fact]
    public void AnActionOffTheGridIsRefusedNamingItsTrajectory()
    {
        var env = new ModelMarketEnvironment(Settings(), 8);
        float[] obs = new float[16], rewards = new float[8];
        bool[] done = new bool[8], cut = new bool[8];
        env.Reset(1, obs);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => env.Step([0, 1, 2, 3, 4, 9, 0, 1], obs, rewards, done, cut));
        Assert.Contains("action 9 of trajectory 5", error.Message);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(-1)]
    public void TheScalarPathRefusesAnActionOffTheGridAsTheVectorizedOneDoes(int action)
    {
        // Three trajectories take only the scalar Transition (fewer than four; also every trajectory on a host without AVX2).
        var env = new ModelMarketEnvironment(Settings(), 3);
        float[] obs = new float[6], rewards = new float[3];
        bool[] done = new bool[3], cut = new bool[3];
        env.Reset(1, obs);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => env.Step([0, action, 2], obs, rewards, done, cut));
        Assert.Contains($"action {action} of trajectory 1 is outside 0 … 8", error.Message);
    }

    [Fact]
    public void SameSeedSameRewardsAndNoAllocationPerStep()
    {
        var settings = Settings();
        float[] obs = new float[32], rewards = new float[16];
        bool[] done = new bool[16], cut = new bool[16];
        int[] actions = new int[16];
        void Steps(ModelMarketEnvironment env, float[] total)
        {
            for (int step = 0; step < 250; step++)
            {
                for (int i = 0; i < 16; i++)
                {
                    actions[i] = (i + step) % settings.Actions.Count;
                }

                env.Step(actions, obs, rewards, done, cut);
                for (int i = 0; i < 16; i++)
                {
                    total[i] += rewards[i];
                }
            }
        }

        float[] RunOnce()
        {
            var env = new ModelMarketEnvironment(settings, 16);
            float[] total = new float[16];
            env.Reset(42, obs);
            Steps(env, total);
            return total;
        }

        Assert.Equal(RunOnce(), RunOnce());

        var stepped = new ModelMarketEnvironment(settings, 16);
        stepped.Reset(42, obs);
        float[] sink = new float[16];
        Assert.Equal(0, SteadyState.AllocatedBytes(() => Steps(stepped, sink)));
    }

    [Fact]
    public void EpisodeRewardsAgreeWithTheMonteCarloObjective()
    {
        // A constant depth of 1: the summed rewards are the objective X_T + q_T·S_T − α q_T² − φ∫q²dt
        // the evaluator measures on the Monte Carlo engine (other random streams: agree within errors).
        var settings = Settings();
        const int count = 4000;
        var env = new ModelMarketEnvironment(settings, count);
        float[] obs = new float[count * 2], rewards = new float[count];
        bool[] done = new bool[count], cut = new bool[count];
        int[] actions = Enumerable.Repeat(settings.Actions.Action(1, 1), count).ToArray();
        double[] episode = new double[count];
        env.Reset(3, obs);
        for (int step = 0; step < settings.Steps; step++)
        {
            env.Step(actions, obs, rewards, done, cut);
            for (int i = 0; i < count; i++)
            {
                episode[i] += rewards[i];
            }
        }

        double mean = episode.Average();
        double error = Math.Sqrt(episode.Sum(x => (x - mean) * (x - mean)) / (count - 1) / count);
        ObjectiveEstimate engine = new ObjectiveEvaluator(settings, count, 9).Evaluate("constant", new ConstantDepthStrategy(1, settings.MaxInventory));
        Assert.InRange(mean - engine.Mean, -4 * Math.Sqrt((error * error) + (engine.StandardError * engine.StandardError)), 4 * Math.Sqrt((error * error) + (engine.StandardError * engine.StandardError)));
    }
}
