using MarketMaking.Core.Errors;
using MarketMaking.Simulation.Agents;

namespace MarketMaking.Learning.Environments;

/// <summary>
/// Market making on the agent-based order book as an RL environment: episodes of
/// <see cref="EpisodeSeconds"/> on fresh seeds, one decision every <see cref="StepSeconds"/>,
/// depths from the grid (price units) or continuous ones (ticks, <see cref="Depths"/>), one lot per quote.
/// </summary>
public sealed record AgentEnvironmentSettings
{
    public required AgentMarketParameters Market { get; init; }

    public required DepthGrid Actions { get; init; }

    public ObservationLayout Observation { get; init; } = ObservationLayout.Market;

    public double EpisodeSeconds { get; init; } = 300;

    public double StepSeconds { get; init; } = 1;

    /// <summary>Running inventory penalty φ per second per lot².</summary>
    public double Phi { get; init; }

    /// <summary>Terminal penalty α per lot².</summary>
    public double TerminalPenalty { get; init; }

    public int MaxInventory { get; init; } = 10;

    /// <summary>Bounds of a continuous agent's depths, in ticks; by default 0 up to the grid's largest depth.</summary>
    public DepthRange? ContinuousDepths { get; init; }

    /// <summary>Where a continuous agent's depths lie, in ticks: <see cref="ContinuousDepths"/> or 0 to the grid's largest depth.</summary>
    public DepthRange Depths => ContinuousDepths ?? new DepthRange(0, Math.Round(Math.Max(Actions.BidDepths.Max(), Actions.AskDepths.Max()) / Market.TickSize, 9));

    public int Steps => (int)Math.Round(EpisodeSeconds / StepSeconds);

    public AgentEnvironmentSettings Validate()
    {
        ArgumentNullException.ThrowIfNull(Market);
        ArgumentNullException.ThrowIfNull(Actions);
        ArgumentNullException.ThrowIfNull(Observation);
        InvalidParameterException.RequirePositive("step_seconds", StepSeconds);
        if (!(EpisodeSeconds >= StepSeconds))
        {
            throw new InvalidParameterException("episode_seconds", $"must be at least one step ({StepSeconds} s), got {EpisodeSeconds}");
        }

        InvalidParameterException.RequireNonNegative("phi", Phi);
        InvalidParameterException.RequireNonNegative("terminal_penalty", TerminalPenalty);
        if (MaxInventory < 1)
        {
            throw new InvalidParameterException("max_inventory", "must be at least 1");
        }

        return this;
    }
}
