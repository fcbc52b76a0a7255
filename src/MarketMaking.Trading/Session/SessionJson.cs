using System.Text.Json;
using System.Text.Json.Nodes;

namespace MarketMaking.Trading.Session;

/// <summary>The end-of-session figures as JSON, the object <c>mm trade --json</c> prints and the journal keeps as the run's final state.</summary>
public static class SessionJson
{
    /// <summary>
    /// <c>{"orders_open_at_end","position","venue_position","cash","venue_cash","mark","executions",
    /// "venue_executions","journal_executions","faults_seen","kill_reason"}</c>; money as JSON
    /// numbers written from the decimals exactly; <c>mark</c> is the last mid the session saw (the
    /// journal keeps it, so <c>mm journal … pnl</c> marks the position where the session did).
    /// </summary>
    public static string Final(SessionResult result) => FinalObject(result).ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    /// <summary>The object <see cref="Final"/> writes.</summary>
    public static JsonObject FinalObject(SessionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JsonObject
        {
            ["orders_open_at_end"] = result.OrdersOpenAtEnd,
            ["position"] = result.Position,
            ["venue_position"] = result.VenuePosition,
            ["cash"] = result.Cash,
            ["venue_cash"] = result.VenueCash,
            ["mark"] = result.Mark,
            ["executions"] = result.Executions,
            ["venue_executions"] = result.VenueExecutions,
            ["journal_executions"] = result.JournalExecutions,
            ["faults_seen"] = result.FaultsSeen,
            ["kill_reason"] = result.KillReason,
        };
    }
}
