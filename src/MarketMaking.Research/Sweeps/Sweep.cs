namespace MarketMaking.Research.Sweeps;

/// <summary>
/// Runs a sweep: every point on one market, scored by one objective, in parallel where the market
/// allows it. With a results file, each result is appended as its point finishes, and
/// <see cref="Pending"/> leaves out the points already there (a rerun resumes) and those of other
/// shards (<c>index mod count</c>), so several machines can share one sweep.
/// </summary>
public static class Sweep
{
    /// <summary>
    /// The points still to run: those of shard <paramref name="shardIndex"/> of
    /// <paramref name="shardCount"/> whose key is not yet in <paramref name="resultsPath"/> (when given).
    /// </summary>
    /// <exception cref="Core.Errors.DataFormatException">The results file holds another sweep.</exception>
    public static IReadOnlyList<SweepPoint> Pending(IReadOnlyList<SweepPoint> points, string? resultsPath = null, int shardIndex = 0, int shardCount = 1)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shardIndex, shardCount);
        HashSet<string> done = resultsPath is null || points.Count == 0
            ? []
            : [.. SweepResultsFile.Read(resultsPath, SweepResultsFile.Header(ParameterNames(points))).Select(r => r.Key)];
        return [.. points.Where(p => p.Index % shardCount == shardIndex && !done.Contains(p.Key))];
    }

    /// <summary>The parameter names of a sweep's points, in axis order.</summary>
    public static IReadOnlyList<string> ParameterNames(IReadOnlyList<SweepPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.Count == 0 ? [] : [.. points[0].Values.Select(v => v.Name)];
    }

    /// <summary>Builds every point's strategy (<see cref="ISweepMarket.Check"/>): a bad value anywhere in the sweep stops it before any point runs.</summary>
    /// <exception cref="Core.Errors.InvalidParameterException">A point's settings are out of range (the message names the point).</exception>
    public static void Check(ISweepMarket market, IReadOnlyList<SweepPoint> points)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(points);
        foreach (SweepPoint point in points)
        {
            try
            {
                market.Check(point);
            }
            catch (Core.Errors.InvalidParameterException e)
            {
                string problem = e.Message.StartsWith($"invalid {e.Parameter}: ", StringComparison.Ordinal) ? e.Message[$"invalid {e.Parameter}: ".Length..] : e.Message;
                throw new Core.Errors.InvalidParameterException("grid", $"point {point.Key}: {e.Parameter} {problem}");
            }
        }
    }

    /// <summary>
    /// Checks every point (<see cref="Check"/>), then runs <paramref name="points"/> on <paramref name="market"/>, each result scored by
    /// <paramref name="objective"/>, appended to <paramref name="results"/> and reported to
    /// <paramref name="progress"/> (on the thread that ran it) as it finishes. Returns the results in
    /// the order of <paramref name="points"/>.
    /// </summary>
    public static IReadOnlyList<SweepResult> Run(
        ISweepMarket market,
        IReadOnlyList<SweepPoint> points,
        SweepObjective objective,
        SweepResultsFile? results = null,
        IProgress<SweepResult>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(objective);
        Check(market, points);
        var scored = new SweepResult[points.Count];
        ParallelPoints.For(points.Count, market.RunsPointsInParallel ? Environment.ProcessorCount : 1, i =>
        {
            SweepResult r = market.Evaluate(points[i]);
            scored[i] = r with { Objective = objective.Score(r) };
            results?.Append(scored[i]);
            progress?.Report(scored[i]);
        }, cancellation);
        return scored;
    }
}
