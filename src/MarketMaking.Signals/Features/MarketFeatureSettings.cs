using MarketMaking.Core.Errors;
using MarketMaking.Signals.Book;

namespace MarketMaking.Signals.Features;

/// <summary>Windows and sizes of the market features (times in seconds, sizes in lots).</summary>
public sealed record MarketFeatureSettings
{
    /// <summary>Window of the order-flow imbalance.</summary>
    public double OfiWindow { get; init; } = 10;

    /// <summary>Window of the traded volume and the trade rate.</summary>
    public double VolumeWindow { get; init; } = 10;

    /// <summary>Window over which the mid's change is measured.</summary>
    public double MidChangeWindow { get; init; } = 10;

    /// <summary>Window of the realized volatility.</summary>
    public double VolatilityWindow { get; init; } = 60;

    /// <summary>Volume of one VPIN bucket (lots); VPIN averages the last 50 buckets.</summary>
    public double VpinBucketVolume { get; init; } = 50;

    /// <summary>A trade at least this large (lots) counts as large (for the cool-down rule).</summary>
    public long LargeTradeSize { get; init; } = 10;

    /// <summary>Spreads (one per book change) the spread's z-score is measured against.</summary>
    public int SpreadSamples { get; init; } = 100;

    /// <summary>One-second bars the Garman–Klass and Parkinson volatilities average over.</summary>
    public int RangeVolatilityBars { get; init; } = 60;

    /// <summary>Seconds of market time between refits of Stoikov's micro-price model.</summary>
    public double MicropriceRefitInterval { get; init; } = 60;

    /// <summary>A fitted micro-price model to use as is (no refits); null: fit from the market's own book.</summary>
    public MicropriceModel? MicropriceModel { get; init; }

    public MarketFeatureSettings Validate()
    {
        InvalidParameterException.RequirePositive("ofi_window", OfiWindow);
        InvalidParameterException.RequirePositive("volume_window", VolumeWindow);
        InvalidParameterException.RequirePositive("volatility_window", VolatilityWindow);
        InvalidParameterException.RequirePositive("mid_change_window", MidChangeWindow);
        InvalidParameterException.RequirePositive("vpin_bucket_volume", VpinBucketVolume);
        InvalidParameterException.RequirePositive("microprice_refit_interval", MicropriceRefitInterval);
        if (SpreadSamples < 2 || RangeVolatilityBars < 1)
        {
            throw new InvalidParameterException("spread_samples", $"needs at least 2 spread samples and 1 range bar, got {SpreadSamples} and {RangeVolatilityBars}");
        }

        if (LargeTradeSize < 1)
        {
            throw new InvalidParameterException("large_trade_size", $"must be at least 1 lot, got {LargeTradeSize}");
        }

        return this;
    }
}
