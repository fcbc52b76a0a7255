using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Signals.Calibration;

/// <summary>
/// Fits the fill intensity λ(δ) = A·e^(−κδ) of the Avellaneda–Stoikov model from trades and the mid.
/// <para>
/// Counts market-order ARRIVALS, not volume: the trade prints of one aggressor side with the same
/// exchange time are one market order, whose depth is the farthest print from the mid in force
/// before it (buy: price − mid, sell: mid − price). An order that reaches depth δ would have
/// filled a quote at any depth ≤ δ, so λ(δ) = (orders reaching ≥ δ) / time, per side.
/// </para>
/// <para>
/// Depths are binned on the grid δ₀ + j·h, j = 0..J−1, the last bin open-ended. Under the model
/// the bin counts are independent Poisson counts with means E·A·(e^(−κ·lo) − e^(−κ·hi)) (E =
/// exposure, seconds × sides), whose likelihood has a closed-form maximum: with S = Σ j·nⱼ and
/// N' the orders in the closed bins, e^(−κh) = S/(S + N'), and A = N·e^(κδ₀)/E. Standard errors
/// come from the inverse expected Fisher information at the estimate, in (ln A, κ).
/// </para>
/// Per trade and per mid: O(1), no allocation.
/// </summary>
public sealed class FillIntensityCalibrator
{
    private const double NanosPerSecond = 1e9;

    private readonly long[] _bins; // aggressor side · levels + bin
    private double _mid = double.NaN;
    private bool _started;
    private long _start;
    private long _latest;
    private long _belowGrid;

    // The market order being assembled from consecutive prints.
    private bool _pending;
    private Side _pendingSide;
    private long _pendingTime;
    private double _pendingMid;
    private double _pendingDepth;

    /// <param name="depthStep">Grid step h in the price unit of the mids and trades (ticks for market events).</param>
    /// <param name="depthLevels">Number of bins J (≥ 2), the last one open-ended.</param>
    /// <param name="minDepth">First depth δ₀; shallower orders are not counted (<see cref="BelowGrid"/>).</param>
    public FillIntensityCalibrator(double depthStep, int depthLevels = 30, double minDepth = 0)
    {
        DepthStep = InvalidParameterException.RequirePositive("depth_step", depthStep);
        if (depthLevels < 2)
        {
            throw new InvalidParameterException("depth_levels", $"must be at least 2, got {depthLevels}");
        }

        DepthLevels = depthLevels;
        MinDepth = InvalidParameterException.RequireNonNegative("min_depth", minDepth);
        _bins = new long[2 * depthLevels];
    }

    public double DepthStep { get; }

    public int DepthLevels { get; }

    public double MinDepth { get; }

    /// <summary>Market orders shallower than the first depth (including ones on the wrong side of a stale mid).</summary>
    public long BelowGrid => _belowGrid + (_pending && Bin(_pendingDepth) < 0 ? 1 : 0);

    /// <summary>Time from the first mid to the latest event, in seconds.</summary>
    public double ObservedSeconds => _started ? (_latest - _start) / NanosPerSecond : 0;

    /// <param name="time">ns; the clock starts at the first mid.</param>
    /// <param name="mid">NaN (a side empty) is ignored: the last mid stays the reference.</param>
    public void OnMid(long time, double mid)
    {
        if (double.IsNaN(mid))
        {
            return;
        }

        if (!_started)
        {
            _started = true;
            _start = _latest = time;
        }

        _latest = Math.Max(_latest, time);
        _mid = mid;
    }

    /// <summary>One trade print; ignored before the first mid.</summary>
    public void OnTrade(long time, Side aggressor, double price)
    {
        if (!_started)
        {
            return;
        }

        _latest = Math.Max(_latest, time);
        if (!(_pending && aggressor == _pendingSide && time == _pendingTime))
        {
            Commit();
            _pending = true;
            _pendingSide = aggressor;
            _pendingTime = time;
            _pendingMid = _mid;
            _pendingDepth = double.NegativeInfinity;
        }

        double depth = aggressor == Side.Buy ? price - _pendingMid : _pendingMid - price;
        _pendingDepth = Math.Max(_pendingDepth, depth);
    }

    /// <summary>A trade event in ticks (exchange time); other kinds are ignored.</summary>
    public void OnTrade(in MarketEvent e)
    {
        if (e.Kind == MarketEventKind.Trade)
        {
            OnTrade(e.ExchangeTime, e.Side, e.Price);
        }
    }

    /// <summary>Both sides pooled (the symmetric model): A is per side.</summary>
    /// <exception cref="InsufficientDataException">Too little data to identify A and κ on this grid.</exception>
    public FillIntensityFit Fit()
    {
        var counts = new long[DepthLevels];
        for (int j = 0; j < DepthLevels; j++)
        {
            counts[j] = _bins[j] + _bins[DepthLevels + j];
        }

        AddPending(counts, null);
        return Fit(counts, 2);
    }

    /// <summary>Market orders of one aggressor side only (sells fill our bids, buys our asks).</summary>
    /// <exception cref="InsufficientDataException">Too little data to identify A and κ on this grid.</exception>
    public FillIntensityFit Fit(Side aggressor)
    {
        var counts = new long[DepthLevels];
        Array.Copy(_bins, Offset(aggressor), counts, 0, DepthLevels);
        AddPending(counts, aggressor);
        return Fit(counts, 1);
    }

    private FillIntensityFit Fit(long[] counts, int sides)
    {
        double exposure = ObservedSeconds * sides;
        long total = counts.Sum();
        if (exposure <= 0 || total == 0)
        {
            throw new InsufficientDataException("fill intensity: no market orders observed over a positive time");
        }

        int last = DepthLevels - 1;
        double weightedBins = 0;
        for (int j = 0; j < DepthLevels; j++)
        {
            weightedBins += (double)j * counts[j];
        }

        long uncensored = total - counts[last];
        if (weightedBins == 0)
        {
            throw new InsufficientDataException("fill intensity: every market order is in the first depth bin; use a smaller depth step");
        }

        if (uncensored == 0)
        {
            throw new InsufficientDataException("fill intensity: every market order is beyond the last depth; use a larger depth step or more levels");
        }

        double kappa = -Math.Log(weightedBins / (weightedBins + uncensored)) / DepthStep;
        double a = total * Math.Exp(kappa * MinDepth) / exposure;

        // Expected Fisher information of the Poisson bin counts in (ln A, κ).
        double infoAA = 0;
        double infoAK = 0;
        double infoKK = 0;
        for (int j = 0; j < DepthLevels; j++)
        {
            double low = MinDepth + (j * DepthStep);
            double high = low + DepthStep;
            double survivalLow = Math.Exp(-kappa * low);
            double survivalHigh = j == last ? 0 : Math.Exp(-kappa * high);
            double mean = exposure * a * (survivalLow - survivalHigh);
            double meanByKappa = exposure * a * ((-low * survivalLow) + (j == last ? 0 : high * survivalHigh));
            infoAA += mean;
            infoAK += meanByKappa;
            if (mean > 0)
            {
                infoKK += meanByKappa * meanByKappa / mean;
            }
        }

        double determinant = (infoAA * infoKK) - (infoAK * infoAK);
        double varianceLogA = infoKK / determinant;
        double varianceKappa = infoAA / determinant;
        double correlation = -infoAK / determinant / Math.Sqrt(varianceLogA * varianceKappa);

        var curve = new IntensityPoint[DepthLevels];
        long reaching = 0;
        for (int j = last; j >= 0; j--)
        {
            reaching += counts[j];
            double depth = MinDepth + (j * DepthStep);
            curve[j] = new IntensityPoint(depth, reaching, reaching / exposure, a * Math.Exp(-kappa * depth));
        }

        return new FillIntensityFit(
            ParameterEstimate.LogNormal(a, Math.Sqrt(varianceLogA)),
            ParameterEstimate.Normal(kappa, Math.Sqrt(varianceKappa)),
            correlation,
            total,
            exposure,
            curve);
    }

    private void Commit()
    {
        if (!_pending)
        {
            return;
        }

        int bin = Bin(_pendingDepth);
        if (bin < 0)
        {
            _belowGrid++;
        }
        else
        {
            _bins[Offset(_pendingSide) + bin]++;
        }

        _pending = false;
    }

    // The order still being assembled counts in a fit, without closing it.
    private void AddPending(long[] counts, Side? side)
    {
        int bin = _pending ? Bin(_pendingDepth) : -1;
        if (bin >= 0 && (side is null || side == _pendingSide))
        {
            counts[bin]++;
        }
    }

    private int Bin(double depth)
    {
        if (!(depth >= MinDepth))
        {
            return -1;
        }

        double index = Math.Floor((depth - MinDepth) / DepthStep);
        return index >= DepthLevels - 1 ? DepthLevels - 1 : (int)index;
    }

    private int Offset(Side side) => side == Side.Buy ? 0 : DepthLevels;
}
