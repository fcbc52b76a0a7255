using System.Globalization;
using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>How many trajectories, from which seed, under which position limit.</summary>
public sealed record MonteCarloSettings
{
    public int Trajectories { get; init; } = 1000;

    public ulong Seed { get; init; } = 1;

    /// <summary>Q_max in instrument units: the side that would grow |q| beyond it is not quoted.</summary>
    public double MaxPosition { get; init; } = double.PositiveInfinity;

    /// <summary>q0: inventory held at time 0, bought at the initial mid (instrument units).</summary>
    public double InitialInventory { get; init; }

    /// <summary>Time between decisions (update_freq); 0 decides at every step.</summary>
    public double DecisionInterval { get; init; }

    /// <summary>
    /// Each fill's price moved against us by this many basis points (a buy pays more, a sell gets
    /// less), as <c>RunSettings.SlippageBps</c> does in the event loop; fees stay on the quoted price.
    /// </summary>
    public double SlippageBps { get; init; }

    /// <summary>Worker threads; 0 uses every core.</summary>
    public int Threads { get; init; }

    public MonteCarloSettings Validate()
    {
        if (Trajectories < 1)
        {
            throw new InvalidParameterException("sims", $"must be at least 1, got {Trajectories}");
        }

        // Checked before anything is allocated: running out of memory mid-run aborts the process.
        long needed = Trajectories * TrajectoryOutcomes.BytesPerTrajectory;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (needed > available / 2)
        {
            throw new InvalidParameterException(
                "sims",
                string.Create(CultureInfo.InvariantCulture, $"{Trajectories:N0} trajectories need {needed / 1e9:F1} GB for their outcomes; this machine has {available / 1e9:F1} GB, enough for about {available / 2 / TrajectoryOutcomes.BytesPerTrajectory:N0} (run fewer, or several seeds one after another)"));
        }

        if (!(MaxPosition > 0))
        {
            throw new InvalidParameterException("max_position", $"must be positive, got {MaxPosition}");
        }

        InvalidParameterException.RequireNonNegative("update_freq", DecisionInterval);
        InvalidParameterException.RequireFinite("q0", InitialInventory);
        InvalidParameterException.RequireNonNegative("slippage_bps", SlippageBps);
        if (Threads < 0)
        {
            throw new InvalidParameterException("threads", $"must be zero (all cores) or positive, got {Threads}");
        }

        return this;
    }
}
