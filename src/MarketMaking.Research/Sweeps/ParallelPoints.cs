using System.Runtime.ExceptionServices;
using MarketMaking.Core.Errors;

namespace MarketMaking.Research.Sweeps;

/// <summary>
/// Runs sweep points in parallel. A user-facing error raised inside a point (bad data, a bad
/// parameter value) comes out as itself, not wrapped in an <see cref="AggregateException"/>, so
/// a front end prints it as one line.
/// </summary>
internal static class ParallelPoints
{
    /// <summary>Runs <paramref name="body"/> for 0 ≤ i &lt; <paramref name="count"/> on at most <paramref name="degree"/> threads.</summary>
    public static void For(int count, int degree, Action<int> body, CancellationToken cancellation)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degree), CancellationToken = cancellation };
        try
        {
            Parallel.For(0, count, options, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is MarketMakingException or OperationCanceledException) is { } inner)
        {
            ExceptionDispatchInfo.Throw(inner);
        }
    }
}
