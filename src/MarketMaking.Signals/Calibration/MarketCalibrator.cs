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

    /// <summary>The calibrator replays and live sessions use on tick data: depth bins of one tick out to 200 ticks, σ from mids sampled every second.</summary>
    public static MarketCalibrator ForTicks() =>
        new(new FillIntensityCalibrator(depthStep: 1, depthLevels: 200), new MidVolatilityEstimator(TimeSpan.FromSeconds(1)));

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

    /// <summary>
    /// Reads <paramref name="source"/> from its start for <paramref name="window"/> of local time
    /// (all of it when null) and calibrates on what it saw (ticks; see <see cref="CalibrationResult.InPriceUnits"/>).
    /// </summary>
    /// <exception cref="InsufficientDataException">The data ends before the window does, or holds too little.</exception>
    public CalibrationResult Calibrate(IMarketEventSource source, TimeSpan? window)
    {
        ArgumentNullException.ThrowIfNull(source);
        Span<MarketEvent> buffer = new MarketEvent[4096];
        long end = long.MaxValue;
        bool started = false;
        int count;
        while ((count = source.Read(buffer)) > 0)
        {
            foreach (ref readonly MarketEvent e in buffer[..count])
            {
                if (!started)
                {
                    started = true;
                    end = window is { } w ? e.LocalTime + (w.Ticks * TimeSpan.NanosecondsPerTick) : long.MaxValue;
                }

                if (e.LocalTime >= end)
                {
                    return Calibrate();
                }

                Update(e);
            }
        }

        return window is null
            ? Calibrate()
            : throw new InsufficientDataException($"the data is shorter than the {window.Value.TotalSeconds:G} s calibration window");
    }
}
