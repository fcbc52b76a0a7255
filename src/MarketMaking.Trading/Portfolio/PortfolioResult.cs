using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Portfolio;

/// <summary>How a multi-instrument run ended: each instrument's session result (in <paramref name="Symbols"/>' order) and the portfolio as last marked.</summary>
public sealed record PortfolioResult(IReadOnlyList<string> Symbols, IReadOnlyList<SessionResult> Instruments, PortfolioState Portfolio)
{
    /// <summary>Σ of the instruments' net PnL, cash + position × mark each (quote currency); null when one has no mark.</summary>
    public decimal? NetPnl => Instruments.Aggregate((decimal?)0, (sum, r) => sum + r.NetPnl);
}
