using MarketMaking.Learning.Environments;
using MarketMaking.Simulation.Agents;

namespace MarketMaking.Research.Training;

/// <summary>
/// The agent-based book as an RL environment: five-minute episodes, one decision a second, depths
/// of 1, 2, 3, 5, 10, 20 and 40 ticks per side (49 actions: deep enough to sit out a toxic market,
/// where calibrated AS quotes ~33 ticks from the mid), Q_max 10 lots, observing inventory, time
/// left, volatility, spread, imbalance, OFI and VPIN; reward in ticks less φ·q²·dt.
/// </summary>
public static class BookEnvironment
{
    /// <summary>Length of an episode (s).</summary>
    public const double EpisodeSeconds = 300;

    /// <summary>Running inventory penalty φ per second per lot² (ticks), whatever the market.</summary>
    public const double InventoryPenalty = 0.01;

    /// <summary>The environment over <paramref name="market"/> (a preset's parameters).</summary>
    public static AgentEnvironmentSettings For(AgentMarketParameters market)
    {
        ArgumentNullException.ThrowIfNull(market);
        return new AgentEnvironmentSettings
        {
            Market = market,
            Actions = DepthGrid.InTicks([1, 2, 3, 5, 10, 20, 40], market.TickSize),
            Observation = ObservationLayout.Market,
            EpisodeSeconds = EpisodeSeconds,
            StepSeconds = 1,
            Phi = InventoryPenalty,
            TerminalPenalty = 0.1,
            MaxInventory = 10,
        }.Validate();
    }
}
