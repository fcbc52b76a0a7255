using System.Runtime.ExceptionServices;
using MarketMaking.Core.Errors;

namespace MarketMaking.Cli.Tuning;

/// <summary>
/// Runs sweep points in parallel. A user-facing error raised inside a point (bad data, a bad
/// parameter value) comes out as itself, not wrapped in an <see cref="AggregateException"/>, so
/// the tool prints it as one line.
/// </summary>
internal static class ParallelPoints
{
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
