using MarketMaking.Learning.Environments;
using MarketMaking.Simulation.Agents;

namespace MarketMaking.Learning.Tests.Environments;

public class AgentMarketEnvironmentTests
{
    private static readonly AgentEnvironmentSettings Settings = new()
    {
        Market = new AgentMarketParameters { WarmUp = 30 },
        Actions = DepthGrid.InTicks([1, 2, 5], 0.01),
        EpisodeSeconds = 10,
        StepSeconds = 1,
        Phi = 0.1,
        MaxInventory = 3,
    };

    private static (float[] Rewards, List<float[]> Observations, int[] EndSteps) Run(ulong seed)
    {
        var env = new AgentMarketEnvironment(Settings, 2);
        float[] obs = new float[2 * env.ObservationSize], rewards = new float[2], total = new float[2];
        bool[] done = new bool[2], cut = new bool[2];
        var seen = new List<float[]>();
        var ends = new List<int>();
        env.Reset(seed, obs);
        seen.Add([.. obs]);
        for (int step = 1; step <= 25; step++)
        {
            env.Step([0, 4], obs, rewards, done, cut);
            seen.Add([.. obs]);
            total[0] += rewards[0];
            total[1] += rewards[1];
            if (done[0])
            {
                ends.Add(step);
            }
        }

        return (total, seen, [.. ends]);
    }

    [Fact]
    public void EpisodesLastTheirStepsAndObservationsStayInRange()
    {
        var (rewards, observations, ends) = Run(5);

        Assert.Equal([10, 20], ends);
        Assert.Equal(7, observations[0].Length / 2);   // q, time left, volatility, spread, imbalance, OFI, VPIN
        Assert.Equal(1f, observations[0][1]);
        Assert.Equal(0.7f, observations[3][1], 6);      // three steps of ten gone
        Assert.Equal(1f, observations[10][1]);          // a new episode began
        Assert.All(observations, o => Assert.All(o, x => Assert.InRange(x, -1f, 1f)));
        Assert.All(rewards, r => Assert.True(float.IsFinite(r)));
    }

    /// <summary>25 steps of two trajectories quoting fixed depths, as grid actions or as continuous depths in ticks.</summary>
    private static (float[] Rewards, float[] Observations) Quote(int[]? actions, double[]? ticks)
    {
        var env = new AgentMarketEnvironment(Settings, 2);
        float[] obs = new float[2 * env.ObservationSize], rewards = new float[2];
        bool[] done = new bool[2], cut = new bool[2];
        var allRewards = new List<float>();
        var allObservations = new List<float>();
        env.Reset(7, obs);
        for (int step = 0; step < 25; step++)
        {
            if (actions is not null)
            {
                env.Step(actions, obs, rewards, done, cut);
            }
            else
            {
                env.StepDepths(ticks, obs, rewards, done, cut);
            }

            allRewards.AddRange(rewards);
            allObservations.AddRange(obs);
        }

        return ([.. allRewards], [.. allObservations]);
    }

    [Fact]
    public void ContinuousDepthsInTicksQuoteAsTheGridsEquivalentAction()
    {
        // Grid actions: bid 1 / ask 5 ticks (action 0·3 + 2) and bid 2 / ask 2 ticks (1·3 + 1). The same
        // depths as continuous ticks give the same fills, rewards and observations, step for step.
        var grid = Quote([2, 4], null);
        Assert.Equal(new DepthRange(0, 5), Settings.Depths);
        var continuous = Quote(null, [1, 5, 2, 2]);
        Assert.Equal(grid.Rewards, continuous.Rewards);
        Assert.Equal(grid.Observations, continuous.Observations);
        Assert.Contains(grid.Rewards, r => r != 0);   // quotes filled: the comparison is not of idle books

        // The order manager snaps bids down and asks up to the tick grid: whatever the mid (on a tick or
        // between two), a depth in (k − ½, k] ticks quotes as k does. 0.6 → 1, 4.7 → 5, 1.51 → 2, 2 → 2;
        // depths past the range are clamped into it (9 → 5).
        var snapped = Quote(null, [0.6, 4.7, 1.51, 2]);
        Assert.Equal(grid.Rewards, snapped.Rewards);
        Assert.Equal(grid.Observations, snapped.Observations);
        var clamped = Quote(null, [0.6, 9, 1.51, 2]);
        Assert.Equal(grid.Rewards, clamped.Rewards);

        // An ask of 3.9 ticks quotes one tick nearer than 5 wherever the mid is: other fills.
        Assert.NotEqual(grid.Rewards, Quote(null, [1, 3.9, 2, 2]).Rewards);
    }

    [Fact]
    public void SameSeedSameEpisodes()
    {
        Assert.Equal(Run(9).Rewards, Run(9).Rewards);
        Assert.NotEqual(Run(9).Rewards, Run(10).Rewards);
    }
}
