using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Errors;

namespace MarketMaking.Learning;

/// <summary>
/// Reading and writing the fields of a model's JSON file: a missing or mistyped field is a
/// <see cref="DataFormatException"/> naming the file and the field.
/// </summary>
internal static class ModelJson
{
    public static JsonElement Property(JsonElement root, string path, string name, JsonValueKind kind)
    {
        if (!root.TryGetProperty(name, out JsonElement value))
        {
            throw Bad(path, name, "missing");
        }

        return value.ValueKind == kind ? value : throw Bad(path, name, $"expected {Kind(kind)}, got {Kind(value)}");
    }

    public static double Number(JsonElement root, string path, string name)
    {
        JsonElement element = Property(root, path, name, JsonValueKind.Number);
        return element.TryGetDouble(out double value) && double.IsFinite(value)
            ? value
            : throw Bad(path, name, $"{element.GetRawText()} is not a finite double");
    }

    public static double[] Numbers(JsonElement root, string path, string name, int count)
    {
        JsonElement array = Property(root, path, name, JsonValueKind.Array);
        int length = array.GetArrayLength();
        if (length != count)
        {
            throw Bad(path, name, $"has {length} values but the model has {count} features");
        }

        double[] values = new double[count];
        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            values[index] = item.ValueKind == JsonValueKind.Number && item.TryGetDouble(out double value) && double.IsFinite(value)
                ? value
                : throw Bad(path, name, $"item {index} ({item.GetRawText()}) is not a finite number");
            index++;
        }

        return values;
    }

    public static void WriteArray(Utf8JsonWriter writer, string name, IReadOnlyList<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    public static DataFormatException Bad(string path, string field, string problem) => new(path, 0, field, problem);

    public static string Kind(JsonElement element) => Kind(element.ValueKind);

    public static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
