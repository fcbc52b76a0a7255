using MarketMaking.Core.Errors;

namespace MarketMaking.Core.Instruments;

/// <summary>
/// A tradable contract: its price grid (tick size), quantity grid (lot size) and fee rates.
/// Fee rates are fractions of notional (0.0002 = 2 bps); a negative maker rate is a rebate.
/// A tick size of 0 means continuous prices, as in the model-based markets of the papers.
/// </summary>
public sealed record Instrument
{
    public Instrument(string symbol, double tickSize, double lotSize, double makerFeeRate = 0, double takerFeeRate = 0)
    {
        if (string.IsNullOrWhiteSpace(symbol))
        {
            throw new InvalidParameterException("symbol", "must not be empty");
        }

        Symbol = symbol;
        TickSize = InvalidParameterException.RequireNonNegative("tick_size", tickSize);
        LotSize = InvalidParameterException.RequirePositive("lot_size", lotSize);
        MakerFeeRate = InvalidParameterException.RequireFinite("maker_fee", makerFeeRate);
        TakerFeeRate = InvalidParameterException.RequireFinite("taker_fee", takerFeeRate);
    }

    public string Symbol { get; }

    public double TickSize { get; }

    public double LotSize { get; }

    public double MakerFeeRate { get; }

    public double TakerFeeRate { get; }

    public bool HasPriceGrid => TickSize > 0;

    /// <summary>Nearest whole number of ticks for a price on (or near) the grid.</summary>
    public long ToTicks(double price) => (long)Math.Round(price / RequireGrid());

    public double ToPrice(long ticks) => ticks * RequireGrid();

    /// <summary>Nearest whole number of lots for a quantity on (or near) the grid.</summary>
    public long ToLots(double quantity) => (long)Math.Round(quantity / LotSize);

    public double ToQuantity(long lots) => lots * LotSize;

    /// <summary>Rounds a bid down to the grid, so a bid is never more aggressive than asked for.</summary>
    public double SnapBid(double price) => HasPriceGrid ? Math.Floor(price / TickSize + GridTolerance) * TickSize : price;

    /// <summary>Rounds an ask up to the grid, so an ask is never more aggressive than asked for.</summary>
    public double SnapAsk(double price) => HasPriceGrid ? Math.Ceiling(price / TickSize - GridTolerance) * TickSize : price;

    /// <summary>Rounds a quantity down to whole lots.</summary>
    public double SnapQuantity(double quantity) => Math.Floor(quantity / LotSize + GridTolerance) * LotSize;

    /// <summary>Fee paid on a fill (negative: a rebate received).</summary>
    public double Fee(double price, double quantity, bool isMaker) => (isMaker ? MakerFeeRate : TakerFeeRate) * price * quantity;

    /// <summary>An instrument with continuous prices, for the model-based markets.</summary>
    public static Instrument Continuous(string symbol = "MODEL", double lotSize = 0.01, double makerFeeRate = 0, double takerFeeRate = 0) =>
        new(symbol, 0, lotSize, makerFeeRate, takerFeeRate);

    // Absorbs binary round-off (0.3 / 0.1 = 2.9999999999999996) when snapping to a grid.
    private const double GridTolerance = 1e-9;

    private double RequireGrid() =>
        HasPriceGrid ? TickSize : throw new InvalidOperationException($"{Symbol} has continuous prices: there are no ticks");
}
