using MarketMaking.Core.Errors;
using MarketMaking.Learning.Environments;

namespace MarketMaking.Research.Training;

/// <summary>
/// Market making on a recorded order-by-order tape as an RL environment (<see cref="TapeMarketEnvironment"/>):
/// windows of <see cref="EpisodeSeconds"/>, one decision every <see cref="StepSeconds"/> (a backtest
/// of the trained policy decides as often), depths from the grid (price units), one lot per quote,
/// reward in ticks less φ·q²·dt. The tape has no horizon, so time left is observed as 1, as a
/// policy sees it in a replay backtest.
/// </summary>
public sealed record TapeEnvironmentSettings
{
    /// <summary>The book environment's depths, in ticks: 1, 2, 3, 5, 10, 20 and 40 per side (49 actions).</summary>
    public static IReadOnlyList<double> DefaultDepthTicks { get; } = [1, 2, 3, 5, 10, 20, 40];

    /// <summary>Bid and ask depths an action picks (price units).</summary>
    public required DepthGrid Actions { get; init; }

    /// <summary>Inventory, time left (always 1 here) and the market features the agent sees.</summary>
    public ObservationLayout Observation { get; init; } = ObservationLayout.Market;

    /// <summary>Length of a window of the tape (s).</summary>
    public double EpisodeSeconds { get; init; } = 300;

    /// <summary>Time between decisions (s).</summary>
    public double StepSeconds { get; init; } = 1;

    /// <summary>Running inventory penalty φ per second per lot² (ticks).</summary>
    public double Phi { get; init; } = 0.01;

    /// <summary>Q_max in lots: a side that would take |q| past it is not quoted.</summary>
    public int MaxInventory { get; init; } = 10;

    /// <summary>Decisions per episode.</summary>
    public int Steps => (int)Math.Round(EpisodeSeconds / StepSeconds);

    /// <summary>What an agent for this environment must match.</summary>
    public AgentShape Shape => new(Actions, MaxInventory, Observation);

    /// <summary>The defaults on an instrument of <paramref name="tickSize"/>: the book environment's grid, observation, φ and Q_max.</summary>
    public static TapeEnvironmentSettings For(double tickSize) => new TapeEnvironmentSettings { Actions = DepthGrid.InTicks(DefaultDepthTicks, tickSize) }.Validate();

    /// <summary>Checks the settings; the parameter names of errors are the command line's.</summary>
    public TapeEnvironmentSettings Validate()
    {
        ArgumentNullException.ThrowIfNull(Actions);
        ArgumentNullException.ThrowIfNull(Observation);
        InvalidParameterException.RequirePositive("step_seconds", StepSeconds);
        if (!(EpisodeSeconds >= StepSeconds))
        {
            throw new InvalidParameterException("episode_seconds", $"must be at least one step ({StepSeconds} s), got {EpisodeSeconds}");
        }

        InvalidParameterException.RequireNonNegative("phi", Phi);
        if (MaxInventory < 1)
        {
            throw new InvalidParameterException("max_inventory", "must be at least 1");
        }

        return this;
    }
}
