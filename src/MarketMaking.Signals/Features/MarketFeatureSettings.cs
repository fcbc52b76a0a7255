using MarketMaking.Core.Errors;

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

    public MarketFeatureSettings Validate()
    {
        InvalidParameterException.RequirePositive("ofi_window", OfiWindow);
        InvalidParameterException.RequirePositive("volume_window", VolumeWindow);
        InvalidParameterException.RequirePositive("volatility_window", VolatilityWindow);
        InvalidParameterException.RequirePositive("mid_change_window", MidChangeWindow);
        InvalidParameterException.RequirePositive("vpin_bucket_volume", VpinBucketVolume);
        if (LargeTradeSize < 1)
        {
            throw new InvalidParameterException("large_trade_size", $"must be at least 1 lot, got {LargeTradeSize}");
        }

        return this;
    }
}
