namespace MarketMaking.Trading.Portfolio;

/// <summary>One instrument of a portfolio: its position, mid, exposure q·P (quote currency) and the limit on |q·P| now.</summary>
public sealed record PortfolioInstrumentState(string Symbol, double Position, double Mid, double Exposure, double MaxExposure);

/// <summary>
/// A portfolio as last marked: each instrument, the net exposure Σ q·P and gross notional Σ |q·P|
/// with their limits now (scaled down when volatility is above its reference), and the orders refused.
/// </summary>
public sealed record PortfolioState(IReadOnlyList<PortfolioInstrumentState> Instruments, double NetExposure, double GrossNotional, double MaxNetExposure, double MaxGrossNotional, long Refusals);
