using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Learning.Neural;
using MarketMaking.Signals.Features;

namespace MarketMaking.Learning.Spreads;

/// <summary>
/// The neural spread predictor: standardized market features → MLP (two hidden ReLU layers,
/// softplus output, so the answer is positive) → the half-spread in ticks that would have earned
/// the most risk-adjusted PnL over the next window, clamped to the candidates it was trained on (a
/// network extrapolating off its training features answered hundreds of ticks where the targets
/// never exceed 30). Prediction is thread safe and allocation free.
/// </summary>
public sealed class SpreadPredictor
{
    private const string Format = "spread_predictor";
    private const int Version = 1;
    private const int MaxFeatures = 64;

    private readonly double[] _means;
    private readonly double[] _scales;

    /// <param name="minHalfSpread">Smallest half-spread predicted (ticks): the smallest candidate trained on; 0 for no floor.</param>
    /// <param name="maxHalfSpread">Largest half-spread predicted (ticks): the largest candidate trained on; +∞ for no cap.</param>
    public SpreadPredictor(
        IReadOnlyList<string> featureNames,
        IReadOnlyList<double> means,
        IReadOnlyList<double> scales,
        Mlp network,
        double targetScale,
        double window,
        double minHalfSpread = 0,
        double maxHalfSpread = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(network);
        Selection = new FeatureSelection(featureNames);
        if (means.Count != Selection.Count || scales.Count != Selection.Count || network.InputSize != Selection.Count || network.OutputSize != 1 || Selection.Count > MaxFeatures)
        {
            throw new ArgumentException($"{Selection.Count} features need as many means and scales and a network from {Selection.Count} inputs to 1 output");
        }

        _means = [.. means];
        _scales = [.. scales];
        Network = network;
        TargetScale = targetScale > 0 ? targetScale : throw new ArgumentOutOfRangeException(nameof(targetScale), targetScale, "must be positive");
        Window = window;
        if (!(minHalfSpread >= 0 && maxHalfSpread >= minHalfSpread))
        {
            throw new ArgumentOutOfRangeException(nameof(maxHalfSpread), $"the half-spread range [{minHalfSpread}, {maxHalfSpread}] must satisfy 0 ≤ min ≤ max");
        }

        MinHalfSpread = minHalfSpread;
        MaxHalfSpread = maxHalfSpread;
    }

    public FeatureSelection Selection { get; }

    public IReadOnlyList<double> Means => _means;

    public IReadOnlyList<double> Scales => _scales;

    public Mlp Network { get; }

    /// <summary>The network predicts the half-spread divided by this (the training targets' mean), so its output is of order one.</summary>
    public double TargetScale { get; }

    /// <summary>Seconds of the window the targets were computed over.</summary>
    public double Window { get; }

    /// <summary>Predictions below this (ticks) are raised to it: the smallest candidate half-spread trained on (0 in a file written without a range).</summary>
    public double MinHalfSpread { get; }

    /// <summary>Predictions above this (ticks) are lowered to it: the largest candidate half-spread trained on (+∞ in a file written without a range).</summary>
    public double MaxHalfSpread { get; }

    /// <summary>Predicted half-spread (ticks) from the market's features; NaN while a feature is undefined.</summary>
    public double PredictFromMarket(ReadOnlySpan<double> marketFeatures)
    {
        Span<double> row = stackalloc double[MaxFeatures];
        row = row[..Selection.Count];
        Selection.Extract(marketFeatures, Core.Orders.Side.Buy, row);
        return Predict(row);
    }

    /// <summary>Predicted half-spread (ticks) from the selected features in order, within [<see cref="MinHalfSpread"/>, <see cref="MaxHalfSpread"/>]; NaN if a feature is not finite.</summary>
    public double Predict(ReadOnlySpan<double> features)
    {
        Span<float> input = stackalloc float[MaxFeatures];
        for (int j = 0; j < _means.Length; j++)
        {
            if (!double.IsFinite(features[j]))
            {
                return double.NaN;
            }

            input[j] = (float)((features[j] - _means[j]) / _scales[j]);
        }

        Span<float> output = stackalloc float[1];
        Network.Infer(input[.._means.Length], output);
        return Math.Clamp(output[0] * TargetScale, MinHalfSpread, MaxHalfSpread);
    }

    public void Save(string path) =>
        ModelJson.Save(path, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteNumber("window", Window);
            writer.WriteNumber("target_scale", TargetScale);
            if (double.IsFinite(MaxHalfSpread))
            {
                writer.WriteNumber("min_half_spread", MinHalfSpread);
                writer.WriteNumber("max_half_spread", MaxHalfSpread);
            }

            writer.WriteStartArray("features");
            foreach (string name in Selection.Names)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
            ModelJson.WriteArray(writer, "means", _means);
            ModelJson.WriteArray(writer, "scales", _scales);
            writer.WritePropertyName("network");
            writer.WriteRawValue(MlpJson.Serialize(Network));
            writer.WriteEndObject();
        });

    /// <summary>Loads a predictor; a malformed file is refused with its name and the field at fault.</summary>
    public static SpreadPredictor Load(string path) => ModelJson.Load(path, root =>
    {
        try
        {
            return Read(root, path);
        }
        catch (InvalidParameterException e)
        {
            throw ModelJson.Bad(path, "features", e.Message);
        }
    });

    private static SpreadPredictor Read(JsonElement root, string path)
    {
        ModelJson.RequireFormat(root, path, Format, Version, "a spread predictor");
        string[] names = [.. ModelJson.Property(root, path, "features", JsonValueKind.Array).EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw ModelJson.Bad(path, "features", $"expected names, got {ModelJson.Kind(e)}"))];
        double[] means = ModelJson.Numbers(root, path, "means", names.Length);
        double[] scales = ModelJson.Numbers(root, path, "scales", names.Length);
        if (scales.Any(scale => !(scale > 0)))
        {
            throw ModelJson.Bad(path, "scales", "must be positive");
        }

        double window = ModelJson.Number(root, path, "window");
        double targetScale = ModelJson.Number(root, path, "target_scale");
        if (!(targetScale > 0))
        {
            throw ModelJson.Bad(path, "target_scale", "must be positive");
        }

        // Files written before the range was stored have neither field: their predictions are not clamped.
        (double min, double max) = (0, double.PositiveInfinity);
        if (root.TryGetProperty("min_half_spread", out _) || root.TryGetProperty("max_half_spread", out _))
        {
            (min, max) = (ModelJson.Number(root, path, "min_half_spread"), ModelJson.Number(root, path, "max_half_spread"));
            if (!(min >= 0 && max >= min))
            {
                throw ModelJson.Bad(path, "max_half_spread", string.Create(CultureInfo.InvariantCulture, $"the range [{min:G}, {max:G}] needs 0 ≤ min_half_spread ≤ max_half_spread"));
            }
        }

        Mlp network = MlpJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(ModelJson.Property(root, path, "network", JsonValueKind.Object).GetRawText()), path);
        if (network.InputSize != names.Length || network.OutputSize != 1)
        {
            throw ModelJson.Bad(path, "network", $"takes {network.InputSize} inputs and gives {network.OutputSize} outputs; the file lists {names.Length} features and one output is needed");
        }

        return new SpreadPredictor(names, means, scales, network, targetScale, window, min, max);
    }

    /// <summary>The features the predictor reads when the user names none.</summary>
    public static IReadOnlyList<string> DefaultFeatures { get; } = ["spread", "volatility", "vpin", "volume", "trade_rate", "imbalance", "ofi"];

    /// <summary>Feature windows the predictor was trained with (the defaults).</summary>
    public static MarketFeatureSettings FeatureSettings { get; } = new();
}
