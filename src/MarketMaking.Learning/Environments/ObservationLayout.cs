using MarketMaking.Core.Errors;
using MarketMaking.Signals.Features;

namespace MarketMaking.Learning.Environments;

/// <summary>
/// What an agent observes: inventory as a share of Q_max, time left as a share of the horizon,
/// then any market features, each squashed as tanh(x / scale) so it lies in (−1, 1) whatever its
/// unit. Shared by the environments and by <see cref="Agents.PolicyStrategy"/>, so a policy sees in
/// a backtest exactly what it saw in training.
/// </summary>
public sealed class ObservationLayout
{
    /// <summary>Typical magnitudes (ticks, lots, per second) used when no scale is given.</summary>
    private static readonly Dictionary<string, double> DefaultScales = new(StringComparer.Ordinal)
    {
        ["imbalance"] = 1, ["imbalance5"] = 1, ["spread"] = 5, ["ofi"] = 50, ["vpin"] = 1, ["volume"] = 100,
        ["trade_rate"] = 5, ["volatility"] = 2, ["weighted_mid_offset"] = 1, ["mid_change"] = 5, ["trade_imbalance"] = 1,
        ["large_trade_age"] = 30, ["large_trade_side"] = 1, ["stoikov_microprice_offset"] = 1, ["log_depth_ratio"] = 1,
        ["queue_pressure"] = 50, ["spread_zscore"] = 2, ["cumulative_delta"] = 1000, ["average_trade_size"] = 5,
        ["garman_klass_volatility"] = 1e-4, ["parkinson_volatility"] = 1e-4,
    };

    /// <summary>Where each row holds the inventory / Q_max and the share of the horizon left, in every environment.</summary>
    public const int InventoryColumn = 0, TimeLeftColumn = 1;

    private readonly int[] _indices;
    private readonly double[] _scales;

    public ObservationLayout(IReadOnlyList<string> features, IReadOnlyList<double>? scales = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        Features = [.. features];
        _indices = [.. features.Select(MarketFeatures.IndexOf)];
        _scales = scales is null ? [.. features.Select(f => DefaultScales.GetValueOrDefault(f, 1))] : [.. scales];
        if (_scales.Length != _indices.Length || _scales.Any(s => !(s > 0)))
        {
            throw new InvalidParameterException("observation", "one positive scale per feature");
        }
    }

    /// <summary>Inventory and time left only (the model market has no book).</summary>
    public static ObservationLayout InventoryAndTime { get; } = new([]);

    /// <summary>Inventory, time left, volatility, spread, imbalance, OFI and VPIN.</summary>
    public static ObservationLayout Market { get; } = new(["volatility", "spread", "imbalance", "ofi", "vpin"]);

    public IReadOnlyList<string> Features { get; }

    public IReadOnlyList<double> Scales => _scales;

    public int Size => 2 + _indices.Length;

    /// <param name="inventory">Position in order sizes.</param>
    /// <param name="timeLeft">Share of the horizon left, 0 to 1.</param>
    /// <param name="marketFeatures">The market's features (ignored when the layout has none; NaN counts as 0).</param>
    public void Write(double inventory, int maxInventory, double timeLeft, ReadOnlySpan<double> marketFeatures, Span<float> observation)
    {
        observation[InventoryColumn] = (float)(inventory / maxInventory);
        observation[TimeLeftColumn] = (float)timeLeft;
        for (int j = 0; j < _indices.Length; j++)
        {
            double value = marketFeatures.Length > _indices[j] ? marketFeatures[_indices[j]] : double.NaN;
            observation[2 + j] = double.IsFinite(value) ? (float)Math.Tanh(value / _scales[j]) : value > 0 ? 1f : value < 0 ? -1f : 0f;
        }
    }
}
