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

    [Fact]
    public void SameSeedSameEpisodes()
    {
        Assert.Equal(Run(9).Rewards, Run(9).Rewards);
        Assert.NotEqual(Run(9).Rewards, Run(10).Rewards);
    }
}
