using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Signals.Windows;

namespace MarketMaking.Signals.Volatility;

/// <summary>
/// The current spread in ticks and its z-score against the last N sampled spreads (the current
/// one included): (S − mean)/sd, sample sd; 0 while the spreads are all equal. Samples are the
/// <see cref="Update"/> calls with both sides quoted, so the caller chooses the clock (every book
/// update, or a fixed time step for a time-weighted view). Integer spreads keep the rolling sums exact.
/// </summary>
public sealed class SpreadZScore : ISignal
{
    private readonly RollingWindow _window;

    public SpreadZScore(int samples = 100)
    {
        if (samples < 2)
        {
            throw new InvalidParameterException("samples", $"must be at least 2, got {samples}");
        }

        _window = new RollingWindow(samples);
    }

    /// <summary>Latest spread in ticks; 0 before the first two-sided book.</summary>
    public long Spread { get; private set; }

    public double Mean => _window.Mean;

    public double StandardDeviation => Math.Sqrt(_window.Variance);

    public double Value
    {
        get
        {
            if (_window.Count == 0)
            {
                return double.NaN;
            }

            double sd = StandardDeviation;
            return sd > 0 ? (Spread - Mean) / sd : 0;
        }
    }

    public bool IsReady => _window.IsFull;

    public void Update(IOrderBookView book)
    {
        BookLevel bid = book.Best(Side.Buy);
        BookLevel ask = book.Best(Side.Sell);
        if (bid.IsEmpty || ask.IsEmpty)
        {
            return;
        }

        Spread = ask.Price - bid.Price;
        _window.Add(Spread);
    }
}
