using MarketMaking.Cli.Configuration;
using MarketMaking.Learning.Environments;
using MarketMaking.Simulation.Agents;

namespace MarketMaking.Cli.Options;

/// <summary>
/// The agent-based book as an RL environment from a market preset: five-minute episodes, one decision
/// a second, depths of 1, 2, 3, 5, 10, 20 and 40 ticks per side (49 actions: deep enough to sit out
/// a toxic market, where calibrated AS quotes ~33 ticks from the mid), Q_max 10 lots, observing
/// inventory, time left, volatility, spread, imbalance, OFI and VPIN; reward in ticks less φ·q²·dt.
/// </summary>
internal static class BookEnvironment
{
    public const double EpisodeSeconds = 300;

    public static AgentEnvironmentSettings For(string preset)
    {
        AgentMarketParameters market = AgentMarketPresets.Load(preset);
        return new AgentEnvironmentSettings
        {
            Market = market,
            Actions = DepthGrid.InTicks([1, 2, 3, 5, 10, 20, 40], market.TickSize),
            Observation = ObservationLayout.Market,
            EpisodeSeconds = EpisodeSeconds,
            StepSeconds = 1,
            Phi = 0.01,
            TerminalPenalty = 0.1,
            MaxInventory = 10,
        }.Validate();
    }
}
