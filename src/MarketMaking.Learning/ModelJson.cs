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
    /// <summary>Writes a model file; a failure is one line naming the file.</summary>
    public static void Save(string path, Action<Utf8JsonWriter> write) => WriteAtomically(path, Serialize(write));

    /// <summary>The indented JSON a writer callback produces (a model on its own, or a member of an ensemble file).</summary>
    public static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Writes beside the file and moves over it, so a save interrupted mid-write (a checkpoint during
    /// training) leaves the previous file whole.
    /// </summary>
    public static void WriteAtomically(string path, byte[] content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            string temporary = path + ".tmp";
            File.WriteAllBytes(temporary, content);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(path, e.Message);
        }
    }

    /// <summary>The bytes of a model file; an unreadable file is one line naming it.</summary>
    public static byte[] ReadBytes(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DataFormatException.Unreadable(path, e);
        }
    }

    /// <summary>Reads and parses a model file; an unreadable file or bad JSON is one line naming the file (and the line).</summary>
    public static T Load<T>(string path, Func<JsonElement, T> read) => Parse(ReadBytes(path), path, read);

    /// <summary>Parses a model document; <paramref name="path"/> (a file, or "file#members[i]") names it in errors.</summary>
    public static T Parse<T>(byte[] bytes, string path, Func<JsonElement, T> read)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(read);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            // The message repeats the position the exception already gives; keep its first sentence.
            string problem = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].ReplaceLineEndings(" ").Trim();
            throw new DataFormatException(path, (e.LineNumber ?? 0) + 1, "json", $"not valid JSON: {problem}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new DataFormatException(path, 1, "json", $"expected a JSON object, got {Kind(document.RootElement)}");
            }

            try
            {
                return read(document.RootElement);
            }
            catch (DataFormatException e) when (e.Line == 0 && e.File == path && !path.Contains('#', StringComparison.Ordinal))
            {
                // The readers name the field; the line is found here, where the text is. (A member of
                // an ensemble, "file#members[1]", is parsed from its own re-serialized text, whose lines are not the file's.)
                throw new DataFormatException(path, JsonLines.LineOf(bytes, e.Field), e.Field, e.Problem);
            }
        }
    }

    /// <summary>Checks the file's "format" and "version" fields; <paramref name="what"/> names the model in the error.</summary>
    public static void RequireFormat(JsonElement root, string path, string format, int version, string what)
    {
        string? found = Property(root, path, "format", JsonValueKind.String).GetString();
        if (found != format)
        {
            throw Bad(path, "format", $"expected \"{format}\", got \"{found}\": not {what}");
        }

        JsonElement versionElement = Property(root, path, "version", JsonValueKind.Number);
        if (!versionElement.TryGetInt32(out int v) || v != version)
        {
            throw Bad(path, "version", $"version {versionElement.GetRawText()} is not supported (this build reads version {version})");
        }
    }

    public static JsonElement Property(JsonElement root, string path, string name, JsonValueKind kind)
    {
        if (!root.TryGetProperty(name, out JsonElement value))
        {
            throw Bad(path, name, "missing");
        }

        return value.ValueKind == kind ? value : throw Bad(path, name, $"expected {Kind(kind)}, got {Kind(value)}");
    }

    /// <summary>A finite number at <paramref name="parent"/>.<paramref name="name"/>; errors name <paramref name="field"/> (by default the name).</summary>
    public static double Number(JsonElement parent, string path, string name, string? field = null)
    {
        field ??= name;
        JsonElement element = parent.TryGetProperty(name, out JsonElement e) ? e : throw Bad(path, field, "missing");
        return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double value) && double.IsFinite(value)
            ? value
            : throw Bad(path, field, $"expected a finite number, got {element.GetRawText()}");
    }

    /// <summary>A whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>]; errors name <paramref name="field"/>.</summary>
    public static long Whole(JsonElement parent, string path, string name, string field, long minimum, long maximum = long.MaxValue)
    {
        JsonElement element = parent.TryGetProperty(name, out JsonElement e) ? e : throw Bad(path, field, "missing");
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long value) && value >= minimum && value <= maximum
            ? value
            : throw Bad(path, field, $"expected a whole number ≥ {minimum}, got {element.GetRawText()}");
    }

    /// <summary>true or false; errors name <paramref name="field"/>.</summary>
    public static bool Boolean(JsonElement parent, string path, string name, string field) =>
        parent.TryGetProperty(name, out JsonElement e) && e.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? e.GetBoolean()
            : throw Bad(path, field, "missing, or not true/false");

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
