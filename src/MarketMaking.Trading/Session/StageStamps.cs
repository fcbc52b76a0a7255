using System.Diagnostics;

namespace MarketMaking.Trading.Session;

/// <summary>
/// Where the handling of a market message had got to, for the tick-to-order benchmark's split of
/// the session's time (book, decision, routing). Off unless the AppContext switch is set before the
/// session starts: a static readonly flag, which the JIT folds away when off.
/// </summary>
internal static class StageStamps
{
    public const string Switch = "MarketMaking.Trading.StageStamps";

    public static readonly bool Enabled = AppContext.TryGetSwitch(Switch, out bool on) && on;

    /// <summary>The book and the private updates of the message applied (<see cref="Stopwatch"/> ticks).</summary>
    public static long BookApplied { get; private set; }

    /// <summary>The decision begins: the strategy, then the order manager's calls into the router.</summary>
    public static long DecisionStarted { get; private set; }

    /// <summary>The decision's orders are known: the router's queues, rate limits and sends follow.</summary>
    public static long DecisionMade { get; private set; }

    public static void MarkBookApplied()
    {
        if (Enabled)
        {
            BookApplied = Stopwatch.GetTimestamp();
        }
    }

    public static void MarkDecisionStarted()
    {
        if (Enabled)
        {
            DecisionStarted = Stopwatch.GetTimestamp();
        }
    }

    public static void MarkDecisionMade()
    {
        if (Enabled)
        {
            DecisionMade = Stopwatch.GetTimestamp();
        }
    }
}
