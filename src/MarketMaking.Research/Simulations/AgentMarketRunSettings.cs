using MarketMaking.Core.Accounting;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Risk;
using MarketMaking.Research.Quoting;

namespace MarketMaking.Research.Simulations;

/// <summary>How strategies are run and compared on the agent-based market.</summary>
public sealed record AgentMarketRunSettings
{
    /// <summary>Runs (seeds) per strategy: run i uses seed + i, the same for every strategy.</summary>
    public int Runs { get; init; } = 20;

    /// <summary>The first run's seed.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Position limit and kill switch.</summary>
    public RiskLimits Risk { get; init; } = RiskLimits.None;

    /// <summary>The running inventory penalty of the risk-adjusted PnL.</summary>
    public InventoryPenalty Penalty { get; init; }

    /// <summary>Each fill's price moved against us, basis points.</summary>
    public double SlippageBps { get; init; }

    /// <summary>Builds strategies by name (nn-spread from its model file).</summary>
    public StrategyFactory Strategies { get; init; } = new();

    /// <summary>The guard of "+guard" strategies; null when none wears one.</summary>
    public GuardSetup? Guard { get; init; }

    /// <summary>Quoting mechanics every strategy wears.</summary>
    public QuotingMechanics Mechanics { get; init; } = QuotingMechanics.None;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="InvalidParameterException">Fewer than one run.</exception>
    public AgentMarketRunSettings Validate()
    {
        ArgumentNullException.ThrowIfNull(Strategies);
        ArgumentNullException.ThrowIfNull(Mechanics);
        return Runs >= 1 ? this : throw new InvalidParameterException("runs", $"must be at least 1, got {Runs}");
    }
}
