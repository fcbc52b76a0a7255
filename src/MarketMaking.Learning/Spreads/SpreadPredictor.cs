using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Learning.Neural;
using MarketMaking.Signals.Features;

namespace MarketMaking.Learning.Spreads;

/// <summary>
/// The neural spread predictor: standardized market features → MLP (two hidden ReLU layers,
/// softplus output, so the answer is positive) → the half-spread in ticks that would have earned
/// the most risk-adjusted PnL over the next window. Prediction is thread safe and allocation free.
/// </summary>
public sealed class SpreadPredictor
{
    private const string Format = "spread_predictor";
    private const int Version = 1;
    private const int MaxFeatures = 64;

    private readonly double[] _means;
    private readonly double[] _scales;

    public SpreadPredictor(IReadOnlyList<string> featureNames, IReadOnlyList<double> means, IReadOnlyList<double> scales, Mlp network, double targetScale, double window)
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
    }

    public FeatureSelection Selection { get; }

    public IReadOnlyList<double> Means => _means;

    public IReadOnlyList<double> Scales => _scales;

    public Mlp Network { get; }

    /// <summary>The network predicts the half-spread divided by this (the training targets' mean), so its output is of order one.</summary>
    public double TargetScale { get; }

    /// <summary>Seconds of the window the targets were computed over.</summary>
    public double Window { get; }

    /// <summary>Predicted half-spread (ticks) from the market's features; NaN while a feature is undefined.</summary>
    public double PredictFromMarket(ReadOnlySpan<double> marketFeatures)
    {
        Span<double> row = stackalloc double[MaxFeatures];
        row = row[..Selection.Count];
        Selection.Extract(marketFeatures, Core.Orders.Side.Buy, row);
        return Predict(row);
    }

    /// <summary>Predicted half-spread (ticks) from the selected features in order; NaN if one is not finite.</summary>
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
        return output[0] * TargetScale;
    }

    public void Save(string path)
    {
        try
        {
            using FileStream stream = File.Create(path);
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteNumber("window", Window);
            writer.WriteNumber("target_scale", TargetScale);
            writer.WriteStartArray("features");
            foreach (string name in Selection.Names)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
            WriteNumbers(writer, "means", _means);
            WriteNumbers(writer, "scales", _scales);
            writer.WritePropertyName("network");
            writer.WriteRawValue(MlpJson.Serialize(Network));
            writer.WriteEndObject();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(path, e.Message);
        }
    }

    /// <summary>Loads a predictor; a malformed file is refused with its name and the field at fault.</summary>
    public static SpreadPredictor Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, 0, "file", $"cannot read: {e.Message}");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out JsonElement format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                throw new DataFormatException(path, 0, "format", $"expected \"{Format}\": not a spread predictor");
            }

            if (!root.TryGetProperty("version", out JsonElement version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != Version)
            {
                throw new DataFormatException(path, 0, "version", $"this build reads version {Version}");
            }

            string[] names = [.. Property(root, path, "features", JsonValueKind.Array).EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new DataFormatException(path, 0, "features", "expected names"))];
            double[] means = Numbers(root, path, "means", names.Length);
            double[] scales = Numbers(root, path, "scales", names.Length);
            if (scales.Any(s => !(s > 0)))
            {
                throw new DataFormatException(path, 0, "scales", "must be positive");
            }

            double window = Property(root, path, "window", JsonValueKind.Number).GetDouble();
            double targetScale = Property(root, path, "target_scale", JsonValueKind.Number).GetDouble();
            if (!(targetScale > 0) || !double.IsFinite(targetScale))
            {
                throw new DataFormatException(path, 0, "target_scale", "must be a positive number");
            }

            Mlp network = MlpJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(Property(root, path, "network", JsonValueKind.Object).GetRawText()), path);
            if (network.InputSize != names.Length || network.OutputSize != 1)
            {
                throw new DataFormatException(path, 0, "network", $"takes {network.InputSize} inputs and gives {network.OutputSize} outputs; the file lists {names.Length} features and one output is needed");
            }

            return new SpreadPredictor(names, means, scales, network, targetScale, window);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, (e.LineNumber ?? 0) + 1, "json", "not valid JSON");
        }
        catch (InvalidParameterException e)
        {
            throw new DataFormatException(path, 0, "features", e.Message);
        }
    }

    private static JsonElement Property(JsonElement root, string path, string name, JsonValueKind kind) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == kind
            ? value
            : throw new DataFormatException(path, 0, name, $"missing or not {kind.ToString().ToLowerInvariant()}");

    private static double[] Numbers(JsonElement root, string path, string name, int count)
    {
        double[] values = [.. Property(root, path, name, JsonValueKind.Array).EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double v) && double.IsFinite(v) ? v : throw new DataFormatException(path, 0, name, "expected finite numbers"))];
        return values.Length == count ? values : throw new DataFormatException(path, 0, name, $"has {values.Length} values for {count} features");
    }

    private static void WriteNumbers(Utf8JsonWriter writer, string name, IEnumerable<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>The features the predictor reads when the user names none.</summary>
    public static IReadOnlyList<string> DefaultFeatures { get; } = ["spread", "volatility", "vpin", "volume", "trade_rate", "imbalance", "ofi"];

    /// <summary>Feature windows the predictor was trained with (the defaults).</summary>
    public static MarketFeatureSettings FeatureSettings { get; } = new();
}
