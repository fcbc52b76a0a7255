using MarketMaking.Trading.Monitoring;

namespace MarketMaking.Dashboard;

/// <summary>
/// One point of the dashboard's time series: local time (Unix seconds), prices, position, PnL parts
/// and the running counts the rates are drawn from. NaN where nothing is known (no quote, or the
/// market's best bid and ask, which the journal does not keep).
/// </summary>
public sealed record HistoryPoint(
    double T,
    double Mid,
    double MarketBid,
    double MarketAsk,
    double OurBid,
    double OurAsk,
    double Position,
    double Realized,
    double Unrealized,
    double Fees,
    double Rebates,
    double Net,
    double SpreadCaptured,
    long Fills,
    long Creates,
    long Amends,
    long Cancels)
{
    /// <summary>The point a live snapshot gives.</summary>
    public static HistoryPoint From(SessionSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new HistoryPoint(
            s.Time / 1e9, s.Mid, s.MarketBid, s.MarketAsk, s.OurBid, s.OurAsk, (double)s.Position, s.RealizedPnl, s.UnrealizedPnl, s.FeesPaid, s.Rebates, s.NetPnl, s.SpreadCaptured,
            s.Executions, s.Requests.GetValueOrDefault("create"), s.Requests.GetValueOrDefault("amend"), s.Requests.GetValueOrDefault("cancel") + s.Requests.GetValueOrDefault("cancel_all"));
    }
}
