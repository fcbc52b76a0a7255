using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Supervised;

/// <summary>
/// The JSON form of <see cref="LogisticRegression"/>. Utf8JsonWriter writes doubles in shortest
/// round-trip form and the reader parses them correctly rounded, so values come back bit for bit.
/// </summary>
internal static class LogisticRegressionFile
{
    public const string Format = "logistic_regression";
    public const int Version = 1;

    public static void Save(LogisticRegression model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelJson.Save(path, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteStartArray("features");
            foreach (string name in model.FeatureNames)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
            ModelJson.WriteArray(writer, "means", model.Standardizer.Means);
            ModelJson.WriteArray(writer, "scales", model.Standardizer.Scales);
            writer.WriteNumber("intercept", model.Intercept);
            ModelJson.WriteArray(writer, "weights", model.Weights);
            writer.WriteNumber("l2", model.L2);
            writer.WriteNumber("iterations", model.Iterations);
            writer.WriteBoolean("converged", model.Converged);
            writer.WriteNumber("training_rows", model.TrainingRows);
            writer.WriteEndObject();
        });
    }

    public static LogisticRegression Load(string path, IReadOnlyList<string>? expectedFeatures) =>
        ModelJson.Load(path, root => Read(root, path, expectedFeatures));

    private static LogisticRegression Read(JsonElement root, string path, IReadOnlyList<string>? expectedFeatures)
    {
        ModelJson.RequireFormat(root, path, Format, Version, "a logistic regression model");
        JsonElement featuresElement = ModelJson.Property(root, path, "features", JsonValueKind.Array);
        string[] names = new string[featuresElement.GetArrayLength()];
        int index = 0;
        foreach (JsonElement item in featuresElement.EnumerateArray())
        {
            names[index++] = item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw ModelJson.Bad(path, "features", $"item {index - 1} is {ModelJson.Kind(item)}, expected a string");
        }

        if (LabeledDataset.NameProblem(names) is { } nameProblem)
        {
            throw ModelJson.Bad(path, "features", nameProblem);
        }

        if (expectedFeatures is not null && !expectedFeatures.SequenceEqual(names, StringComparer.Ordinal))
        {
            throw ModelJson.Bad(path, "features",
                $"the model takes {names.Length} features ({string.Join(", ", names)}) but {expectedFeatures.Count} were expected ({string.Join(", ", expectedFeatures)})");
        }

        double[] means = ModelJson.Numbers(root, path, "means", names.Length);
        double[] scales = ModelJson.Numbers(root, path, "scales", names.Length);
        if (Standardizer.Problem(means, scales) is { } scaleProblem)
        {
            throw ModelJson.Bad(path, "scales", scaleProblem);
        }

        double intercept = ModelJson.Number(root, path, "intercept");
        double[] weights = ModelJson.Numbers(root, path, "weights", names.Length);
        double l2 = ModelJson.Number(root, path, "l2");
        JsonElement iterationsElement = ModelJson.Property(root, path, "iterations", JsonValueKind.Number);
        JsonElement rowsElement = ModelJson.Property(root, path, "training_rows", JsonValueKind.Number);
        if (!iterationsElement.TryGetInt32(out int iterations) || iterations < 0)
        {
            throw ModelJson.Bad(path, "iterations", $"expected a count, got {iterationsElement.GetRawText()}");
        }

        if (!rowsElement.TryGetInt32(out int rows) || rows < 0)
        {
            throw ModelJson.Bad(path, "training_rows", $"expected a count, got {rowsElement.GetRawText()}");
        }

        JsonElement convergedElement = root.TryGetProperty("converged", out JsonElement c) && c.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? c
            : throw ModelJson.Bad(path, "converged", "missing, or not true/false");

        return new LogisticRegression(
            names, new Standardizer(means, scales), intercept, weights, l2, iterations, convergedElement.GetBoolean(), rows);
    }
}
