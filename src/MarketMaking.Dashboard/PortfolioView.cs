using MarketMaking.Core.Risk;
using MarketMaking.Trading.Monitoring;

namespace MarketMaking.Dashboard;

/// <summary>One instrument on the portfolio page: its tab's address and its figures from its session's latest snapshot.</summary>
public sealed record PortfolioInstrumentView(string Symbol, string Url, double Position, double Mid, double Notional, double RealizedPnl, double UnrealizedPnl, double NetPnl, int OpenOrders);

/// <summary>A portfolio limit on the page: what it measures now, its limit and the room left (infinite when off).</summary>
public sealed record PortfolioLimitView(string Name, double Now, double Limit, double Headroom);

/// <summary>
/// The portfolio page's figures (<c>/api/portfolio</c>): each instrument, the totals (net exposure
/// Σ q·P, gross notional Σ |q·P|, net PnL — sums of the rows, so the page's totals are its rows'),
/// and the portfolio limits with the room left before each.
/// </summary>
public sealed record PortfolioView(IReadOnlyList<PortfolioInstrumentView> Instruments, double NetExposure, double GrossNotional, double NetPnl, IReadOnlyList<PortfolioLimitView> Limits)
{
    /// <summary>The view of <paramref name="instruments"/>' latest snapshots under <paramref name="limits"/> (none when null: a journal keeps no portfolio limits).</summary>
    public static PortfolioView From(IReadOnlyList<(string Symbol, Uri Url, ISessionFeed Feed)> instruments, PortfolioRiskLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var rows = new List<PortfolioInstrumentView>(instruments.Count);
        foreach ((string symbol, Uri url, ISessionFeed feed) in instruments)
        {
            SessionSnapshot? s = feed.Latest;
            double position = (double)(s?.Position ?? 0);
            double mid = s?.Mid ?? double.NaN;
            double notional = double.IsFinite(mid) ? position * mid : 0;
            rows.Add(new PortfolioInstrumentView(symbol, url.ToString(), position, mid, notional, s?.RealizedPnl ?? 0, s?.UnrealizedPnl ?? 0, s?.NetPnl ?? 0, s?.OpenOrders ?? 0));
        }

        double net = rows.Sum(r => r.Notional);
        double gross = rows.Sum(r => Math.Abs(r.Notional));
        var views = new List<PortfolioLimitView>();
        if (limits is not null)
        {
            views.Add(Limit("net exposure |Σ q·P|", Math.Abs(net), limits.MaxNetExposure));
            views.Add(Limit("gross notional Σ |q·P|", gross, limits.MaxGrossNotional));
            for (int i = 0; i < rows.Count && i < limits.Instruments.Count; i++)
            {
                views.Add(Limit($"{rows[i].Symbol} exposure |q·P|", Math.Abs(rows[i].Notional), limits.Instruments[i].MaxExposure));
            }
        }

        return new PortfolioView(rows, net, gross, rows.Sum(r => r.NetPnl), views);
    }

    private static PortfolioLimitView Limit(string name, double now, double limit) => new(name, now, limit, limit - now);
}
