namespace MarketMaking.Research.Sweeps;

/// <summary>
/// Where a sweep scores its points: the model market (<see cref="ModelSweep"/>), bars
/// (<see cref="BarSweep"/>) or recorded L2 data (<see cref="ReplaySweep"/>). Every point runs on
/// the same seed and data, so points are compared on the same paths.
/// </summary>
public interface ISweepMarket
{
    /// <summary>Whether points should run side by side, one per core (false when a point uses every core itself).</summary>
    bool RunsPointsInParallel { get; }

    /// <summary>Runs one point; the result's objective is NaN (the sweep scores it). Safe to call from several threads.</summary>
    SweepResult Evaluate(SweepPoint point);

    /// <summary>Builds the point's strategy without running it, so a value the strategy refuses stops the sweep before any point has run.</summary>
    /// <exception cref="Core.Errors.InvalidParameterException">The point's settings are out of range.</exception>
    void Check(SweepPoint point);
}
