using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Metrics;
using MarketMaking.Signals.Statistics;
using MarketMaking.Signals.Windows;

namespace MarketMaking.Signals.Toxicity;

/// <summary>
/// Volume-synchronized probability of informed trading (Easley, López de Prado and O'Hara 2012,
/// "Flow toxicity and liquidity in a high-frequency world"). Each bar's volume is split by bulk
/// volume classification: buy share Φ(ΔP/σ_ΔP), where ΔP is the change of the close from the
/// previous bar (close − open for the first bar) and σ_ΔP the standard deviation of ΔP over all
/// bars so far, this one included. Volume fills buckets of equal size V (a bar may span several,
/// keeping its buy share); VPIN = Σ|V^S − V^B| / (n·V) over the last n completed buckets.
/// </summary>
public sealed class Vpin : ISignal
{
    private readonly RollingWindow _imbalances;
    private RunningMoments _priceChanges;
    private double _previousClose = double.NaN;
    private double _bucketFilled;
    private double _bucketBuy;

    public Vpin(double bucketVolume, int buckets = 50)
    {
        BucketVolume = InvalidParameterException.RequirePositive("bucket_volume", bucketVolume);
        if (buckets < 1)
        {
            throw new InvalidParameterException("buckets", $"must be at least 1, got {buckets}");
        }

        _imbalances = new RollingWindow(buckets);
    }

    public double BucketVolume { get; }

    public int Buckets => _imbalances.Length;

    /// <summary>Buckets completed since the start.</summary>
    public long CompletedBuckets { get; private set; }

    /// <summary>Buy share of the last bar by bulk volume classification.</summary>
    public double LastBuyFraction { get; private set; } = double.NaN;

    /// <summary>Over the completed buckets so far (fewer than n until ready); NaN before the first.</summary>
    public double Value => _imbalances.Count == 0 ? double.NaN : _imbalances.Sum / (_imbalances.Count * BucketVolume);

    public bool IsReady => _imbalances.IsFull;

    public void Update(in Bar bar)
    {
        if (!(bar.Volume >= 0) || !double.IsFinite(bar.Volume) || !double.IsFinite(bar.Close))
        {
            throw new ArgumentException($"bar at {bar.OpenTime} needs a finite close and a volume ≥ 0", nameof(bar));
        }

        double change = bar.Close - (double.IsNaN(_previousClose) ? bar.Open : _previousClose);
        _previousClose = bar.Close;
        _priceChanges.Add(change);
        double sd = _priceChanges.StandardDeviation;
        LastBuyFraction = sd > 0 ? NormalDistribution.Cdf(change / sd) : 0.5;

        double remaining = bar.Volume;
        while (remaining > 0)
        {
            double room = BucketVolume - _bucketFilled;
            if (remaining < room)
            {
                Fill(remaining);
                break;
            }

            Fill(room);
            CloseBucket();
            remaining -= room;

            // A bar spanning many whole buckets gives them all the same imbalance; only the last n matter.
            long whole = (long)Math.Floor(remaining / BucketVolume);
            if (whole > 0)
            {
                double imbalance = Math.Abs(1 - (2 * LastBuyFraction)) * BucketVolume;
                for (long i = 0; i < Math.Min(whole, Buckets); i++)
                {
                    _imbalances.Add(imbalance);
                }

                CompletedBuckets += whole;
                remaining -= whole * BucketVolume;
            }
        }
    }

    private void Fill(double volume)
    {
        _bucketFilled += volume;
        _bucketBuy += volume * LastBuyFraction;
    }

    private void CloseBucket()
    {
        // |V^S − V^B| with V^S = V − V^B.
        _imbalances.Add(Math.Abs(BucketVolume - (2 * _bucketBuy)));
        CompletedBuckets++;
        _bucketFilled = 0;
        _bucketBuy = 0;
    }
}
