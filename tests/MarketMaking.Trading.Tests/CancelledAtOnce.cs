using MarketMaking.Trading.Journal;

namespace MarketMaking.Trading.Tests;

/// <summary>
/// "Every order cancelled at once", asserted on the journal rather than on a stopwatch: the cancel-all
/// follows its trigger with nothing between but the kill and stop it led to and the orders' cancels (or
/// drops), so no market event, decision or timer tick came first, however loaded the machine.
/// </summary>
internal static class CancelledAtOnce
{
    /// <summary>Asserts the step that journaled the first event <paramref name="trigger"/> picks cancelled everything, for <paramref name="why"/>.</summary>
    public static void After(string journalPath, Func<JournalEvent, bool> trigger, string why)
    {
        JournalEvent[] after = [.. JournalReader.Events(journalPath).SkipWhile(e => !trigger(e)).Skip(1)];
        int cancelAll = Array.FindIndex(after, e => e.Kind == "cancel-all");
        Assert.True(cancelAll >= 0, "no cancel-all after the trigger");
        Assert.Equal(why, after[cancelAll].Detail);
        Assert.All(after[..cancelAll], e => Assert.Contains(e.Kind, (string[])["kill", "stop", "cancel", "dropped"]));
    }
}
