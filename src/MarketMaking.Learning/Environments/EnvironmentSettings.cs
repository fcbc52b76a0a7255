using MarketMaking.Core.Errors;
using MarketMaking.Simulation.Model;

namespace MarketMaking.Learning.Environments;

/// <summary>
/// A market-making episode on the model market: its dynamics (σ, A, κ, T, dt, fill rule, shock),
/// the reward, the position limit and the action grid. Quantities in order sizes of one unit.
/// </summary>
public sealed record EnvironmentSettings
{
    public required ModelMarketParameters Market { get; init; }

    public required DepthGrid Actions { get; init; }

    /// <summary>Running inventory penalty φ per unit time.</summary>
    public double Phi { get; init; }

    /// <summary>Terminal inventory penalty α.</summary>
    public double TerminalPenalty { get; init; }

    public RewardKind Reward { get; init; } = RewardKind.RunningPenalty;

    /// <summary>η of the dampened reward.</summary>
    public double Damping { get; init; } = 0.5;

    /// <summary>Q_max: a side that would take |q| past it is not quoted.</summary>
    public int MaxInventory { get; init; } = 10;

    public int InitialInventory { get; init; }

    /// <summary>
    /// Exploring starts, for training: above 0, every episode of <see cref="ModelMarketEnvironment"/>
    /// starts at an inventory drawn uniformly from −Q…Q (this value) by its trajectory's own stream, so
    /// inventories the policy rarely reaches are visited. 0: every episode starts at
    /// <see cref="InitialInventory"/>. Evaluation (the Monte Carlo engine) always starts at <see cref="InitialInventory"/>.
    /// </summary>
    public int ExploringStartInventory { get; init; }

    /// <summary>What the agent observes; the model market offers inventory and time only.</summary>
    public ObservationLayout Observation { get; init; } = ObservationLayout.InventoryAndTime;

    /// <summary>Bounds of a continuous agent's depths; by default 0 up to the grid's largest depth.</summary>
    public DepthRange? ContinuousDepths { get; init; }

    /// <summary>Where a continuous agent's depths lie: <see cref="ContinuousDepths"/> or 0 to the grid's largest depth.</summary>
    public DepthRange Depths => ContinuousDepths ?? DepthRange.UpTo(Actions);

    /// <summary>Steps per episode: T / dt.</summary>
    public int Steps => (int)Math.Round(Market.Horizon / Market.TimeStep);

    public EnvironmentSettings Validate()
    {
        ArgumentNullException.ThrowIfNull(Market);
        ArgumentNullException.ThrowIfNull(Actions);
        Market.Validate();
        InvalidParameterException.RequireNonNegative("phi", Phi);
        InvalidParameterException.RequireNonNegative("terminal_penalty", TerminalPenalty);
        InvalidParameterException.RequireNonNegative("damping", Damping);
        if (MaxInventory < 1 || Math.Abs(InitialInventory) > MaxInventory)
        {
            throw new InvalidParameterException("max_inventory", $"must be at least 1 and hold the initial inventory, got {MaxInventory}");
        }

        if (ExploringStartInventory < 0 || ExploringStartInventory > MaxInventory)
        {
            throw new InvalidParameterException("exploring_starts", $"must be 0 (off) … max_inventory ({MaxInventory}), got {ExploringStartInventory}");
        }

        if (Observation.Features.Count > 0)
        {
            throw new InvalidParameterException("observation", "the model market has no order book: it offers inventory and time left only");
        }

        // The environment reproduces the plain model; the extensions live in the Monte Carlo engine.
        if (Market.Drift != 0 || Market.AlphaVolatility != 0 || Market.JumpIntensity != 0 || Market.Arrivals != ArrivalProcess.Poisson
            || Market.AdverseSelectionProbability != 0 || Market.MakerFeeRate != 0)
        {
            throw new InvalidParameterException("market", "the RL environment supports the plain model (no drift, alpha, jumps, Hawkes arrivals, adverse selection or fees)");
        }

        return this;
    }
}
