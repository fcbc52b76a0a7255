using MarketMaking.Core.Errors;
using MarketMaking.Core.Books;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Signals.Calibration;

/// <summary>
/// Calibrates σ, A and κ from one market: either a market-event stream (prices in ticks; the book
/// is rebuilt here and its mid taken at the end of each batch) or mids and trades pushed directly
/// (model-based markets, any price unit).
/// </summary>
public sealed class MarketCalibrator
{
    private readonly OrderBook _book = new();

    public MarketCalibrator(FillIntensityCalibrator intensity, MidVolatilityEstimator volatility)
    {
        ArgumentNullException.ThrowIfNull(intensity);
        ArgumentNullException.ThrowIfNull(volatility);
        Intensity = intensity;
        Volatility = volatility;
    }

    public FillIntensityCalibrator Intensity { get; }

    public MidVolatilityEstimator Volatility { get; }

    /// <summary>Book events update the book (the mid is read at the end of a batch, if not crossed); trades are counted.</summary>
    public void Update(in MarketEvent e)
    {
        switch (e.Kind)
        {
            case MarketEventKind.BookClear:
            case MarketEventKind.BookLevel:
                _book.Apply(e);
                if (e.IsEndOfBatch && !_book.IsCrossed)
                {
                    OnMid(e.ExchangeTime, _book.Mid);
                }

                break;
            case MarketEventKind.Trade:
                Intensity.OnTrade(e);
                break;
        }
    }

    public void OnMid(long time, double mid)
    {
        Intensity.OnMid(time, mid);
        Volatility.OnMid(time, mid);
    }

    public void OnTrade(long time, Side aggressor, double price) => Intensity.OnTrade(time, aggressor, price);

    /// <exception cref="InsufficientDataException">Too little data for σ or for (A, κ).</exception>
    public CalibrationResult Calibrate() => new(Volatility.Estimate(), Intensity.Fit());
}
