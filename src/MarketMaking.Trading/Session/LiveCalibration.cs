using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Quoting;
using MarketMaking.Signals.Calibration;
using MarketMaking.Signals.Features;
using MarketMaking.Strategies;

namespace MarketMaking.Trading.Session;

/// <summary>
/// σ, A and κ calibrated on the live market before a session quotes, as a backtest calibrates on
/// its file's first <c>--calibrate</c> seconds: the book and trades of the first window after the
/// session's start go through the same calibrator, then the strategy is built on the result. Until
/// then the strategy built on the given or default values stands in for what the session reads of
/// it before quoting (its name, feature windows and inventory limit, none of which σ, A, κ change);
/// it never decides, since the session does not quote while calibrating.
/// </summary>
internal sealed class LiveCalibration : IQuotingStrategy, IReadsMarketFeatures, IInventoryLimited
{
    private readonly MarketCalibrator _calibrator = MarketCalibrator.ForTicks();
    private readonly IQuotingStrategy _standIn;
    private readonly long _window;
    private IQuotingStrategy? _calibrated;
    private long _endsAt = long.MaxValue;

    public LiveCalibration(IQuotingStrategy standIn, TimeSpan window)
    {
        _standIn = standIn;
        _window = window.Ticks * TimeSpan.NanosecondsPerTick;
        Window = window;
    }

    public TimeSpan Window { get; }

    /// <summary>True until the strategy is calibrated.</summary>
    public bool IsCalibrating => _calibrated is null;

    public string Name => (_calibrated ?? _standIn).Name;

    public MarketFeatureSettings? FeatureSettings => (_standIn as IReadsMarketFeatures)?.FeatureSettings;

    public double InventoryLimit => IInventoryLimited.Of(_standIn);

    /// <summary>
    /// Takes a market message's events (prices in ticks) until the window, counted from the first
    /// event's receive time, has passed; true from then on. The events are cut where a replay of a
    /// recording of this feed would cut them, so both calibrate on the same data.
    /// </summary>
    public bool Observe(IReadOnlyList<MarketEvent> events)
    {
        for (int i = 0; i < events.Count; i++)
        {
            MarketEvent e = events[i];
            if (_endsAt == long.MaxValue)
            {
                _endsAt = e.LocalTime + _window;
            }

            if (e.LocalTime >= _endsAt)
            {
                return true;
            }

            _calibrator.Update(e);
        }

        return false;
    }

    /// <summary>σ, A, κ in price units from what the window held.</summary>
    /// <exception cref="TradingException">Too little happened in the window to calibrate.</exception>
    public CalibrationResult Calibrate(double tickSize)
    {
        try
        {
            return _calibrator.Calibrate().InPriceUnits(tickSize);
        }
        catch (InsufficientDataException e)
        {
            throw new TradingException(string.Create(CultureInfo.InvariantCulture, $"calibration on the first {Window.TotalSeconds:G} s of the live market failed: {e.Message}; give a longer --calibrate, or --sigma, --A and --kappa"), e);
        }
    }

    /// <summary>The strategy built on the calibration: it quotes from now on.</summary>
    public void Use(IQuotingStrategy calibrated) => _calibrated = calibrated;

    public QuoteDecision Decide(in QuoteContext context) => (_calibrated ?? throw new InvalidOperationException("the session quoted before the calibration")).Decide(in context);
}
