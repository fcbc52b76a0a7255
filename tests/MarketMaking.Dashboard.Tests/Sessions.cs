using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Bybit;
using MarketMaking.Trading.Session;
using MarketMaking.Venue;

namespace MarketMaking.Dashboard.Tests;

/// <summary>A session quoting at the touch (one lot) on the local venue, as the trading acceptance tests run it.</summary>
internal static class Sessions
{
    public static TradingSession Touch(LocalVenue local, string journal, TimeSpan duration) =>
        new(new BybitVenue(local.Environment, local.Credentials, TimeSpan.FromSeconds(2)),
            new SessionSettings { Symbol = "SIMUSDT", StrategyName = "touch", JournalPath = journal, Duration = duration },
            _ => new TouchStrategy(1));

    /// <summary>What mm journal SESSION.db summary --json prints (in-process).</summary>
    public static string JournalSummary(string journal)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = Cli.MmApplication.Run(["journal", journal, "summary", "--json"], output, error);
        Assert.True(code == 0, error.ToString());
        return output.ToString();
    }
}
