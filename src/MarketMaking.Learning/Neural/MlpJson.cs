using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Neural;

/// <summary>
/// Saves an <see cref="Mlp"/> (architecture and weights) as JSON and loads it back exactly:
/// floats are written in their shortest round-trip form and parsed straight to float, so a
/// loaded network gives bit-identical outputs. A bad file raises <see cref="DataFormatException"/>
/// naming the file, the line and the field.
/// <code>
/// { "format": "marketmaking.mlp", "version": 1,
///   "layers": [ { "inputs": 8, "outputs": 64, "activation": "ReLU", "weights": [...], "bias": [...] }, ... ] }
/// </code>
/// Weights are row-major, outputs × inputs, as in <see cref="DenseLayer.Weights"/>.
/// </summary>
public static class MlpJson
{
    public const string Format = "marketmaking.mlp";
    public const int Version = 1;

    public static void Save(Mlp network, string path)
    {
        byte[] json = Serialize(network);
        try
        {
            File.WriteAllBytes(path, json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(path, e.Message);
        }
    }

    public static Mlp Load(string path) => Deserialize(File.ReadAllBytes(path), path);

    /// <summary>Loads the file's weights into <paramref name="target"/>, which must have the same architecture.</summary>
    public static void LoadInto(Mlp target, string path)
    {
        ArgumentNullException.ThrowIfNull(target);
        Mlp loaded = Load(path);
        if (!loaded.HasSameArchitecture(target))
        {
            throw new DataFormatException(
                path, 1, "layers", $"file holds a {loaded.Describe()} network, expected {target.Describe()}");
        }

        target.CopyFrom(loaded);
    }

    public static byte[] Serialize(Mlp network)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteStartArray("layers");
            for (int i = 0; i < network.Layers.Count; i++)
            {
                DenseLayer layer = network.Layers[i];
                writer.WriteStartObject();
                writer.WriteNumber("inputs", layer.InputSize);
                writer.WriteNumber("outputs", layer.OutputSize);
                writer.WriteString("activation", layer.Activation.ToString());
                WriteFloats(writer, "weights", layer.Weights, i);
                WriteFloats(writer, "bias", layer.Bias, i);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <param name="source">Names the origin (a path) in error messages.</param>
    public static Mlp Deserialize(byte[] json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        var context = new ParseContext(json, source);
        if (json.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            throw context.Error(1, "json", "the file is empty");
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            return ReadDocument(ref reader, context);
        }
        catch (JsonException e)
        {
            // The reader's message ends with its own 0-based position; the line is reported separately.
            string problem = e.Message.Split(" LineNumber:")[0].Trim();
            throw new DataFormatException(source, (e.LineNumber ?? 0) + 1, "json", $"not valid JSON: {problem}");
        }
    }

    private static void WriteFloats(Utf8JsonWriter writer, string name, float[] values, int layer)
    {
        writer.WriteStartArray(name);
        foreach (float value in values)
        {
            if (!float.IsFinite(value))
            {
                throw new InvalidOperationException($"layer {layer} {name} holds {value}; JSON cannot store it");
            }

            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    private static Mlp ReadDocument(ref Utf8JsonReader reader, ParseContext context)
    {
        reader.Read();
        context.Expect(ref reader, JsonTokenType.StartObject, "document");
        string? format = null;
        int? version = null;
        long formatLine = 1;
        long versionLine = 1;
        List<DenseLayer>? layers = null;
        while (NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "format":
                    formatLine = context.LineOf(ref reader);
                    context.Expect(ref reader, JsonTokenType.String, "format");
                    format = reader.GetString();
                    break;
                case "version":
                    versionLine = context.LineOf(ref reader);
                    version = context.ReadInt(ref reader, "version");
                    break;
                case "layers":
                    layers = ReadLayers(ref reader, context);
                    break;
                default:
                    throw context.Error(ref reader, name, "unknown field");
            }
        }

        if (format != Format)
        {
            throw context.Error(formatLine, "format", format is null ? $"missing; expected \"{Format}\"" : $"expected \"{Format}\", got \"{format}\"");
        }

        if (version != Version)
        {
            throw context.Error(versionLine, "version", version is null ? "missing" : $"version {version} is not supported; expected {Version}");
        }

        return layers is null ? throw context.Error(1, "layers", "missing") : new Mlp(layers);
    }

    private static List<DenseLayer> ReadLayers(ref Utf8JsonReader reader, ParseContext context)
    {
        context.Expect(ref reader, JsonTokenType.StartArray, "layers");
        long arrayLine = context.LineOf(ref reader);
        var layers = new List<DenseLayer>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            DenseLayer layer = ReadLayer(ref reader, context, $"layers[{layers.Count}]");
            if (layers.Count > 0 && layer.InputSize != layers[^1].OutputSize)
            {
                throw context.Error(
                    ref reader, $"layers[{layers.Count}].inputs", $"{layer.InputSize} does not match the previous layer's {layers[^1].OutputSize} outputs");
            }

            layers.Add(layer);
        }

        return layers.Count > 0 ? layers : throw context.Error(arrayLine, "layers", "no layers");
    }

    private static DenseLayer ReadLayer(ref Utf8JsonReader reader, ParseContext context, string field)
    {
        context.Expect(ref reader, JsonTokenType.StartObject, field);
        int? inputs = null;
        int? outputs = null;
        Activation? activation = null;
        float[]? weights = null;
        float[]? bias = null;
        long weightsLine = 0;
        long biasLine = 0;
        while (NextProperty(ref reader, out string name))
        {
            string path = $"{field}.{name}";
            switch (name)
            {
                case "inputs":
                    inputs = context.ReadInt(ref reader, path, minimum: 1);
                    break;
                case "outputs":
                    outputs = context.ReadInt(ref reader, path, minimum: 1);
                    break;
                case "activation":
                    context.Expect(ref reader, JsonTokenType.String, path);
                    string text = reader.GetString() ?? "";
                    // Names only: Enum.TryParse would also accept "1" or "ReLU, Tanh".
                    activation = Enum.GetNames<Activation>().Contains(text)
                        ? Enum.Parse<Activation>(text)
                        : throw context.Error(ref reader, path, $"unknown activation \"{text}\"; expected one of {string.Join(", ", Enum.GetNames<Activation>())}");
                    break;
                case "weights":
                    weightsLine = context.LineOf(ref reader);
                    weights = context.ReadFloats(ref reader, path);
                    break;
                case "bias":
                    biasLine = context.LineOf(ref reader);
                    bias = context.ReadFloats(ref reader, path);
                    break;
                default:
                    throw context.Error(ref reader, path, "unknown field");
            }
        }

        long endLine = context.LineOf(ref reader);
        int inputSize = inputs ?? throw context.Error(endLine, $"{field}.inputs", "missing");
        int outputSize = outputs ?? throw context.Error(endLine, $"{field}.outputs", "missing");
        var layer = new DenseLayer(
            inputSize, outputSize, activation ?? throw context.Error(endLine, $"{field}.activation", "missing"));
        CopyExact(weights, layer.Weights, context, weightsLine, endLine, $"{field}.weights", $"{outputSize}×{inputSize} = ");
        CopyExact(bias, layer.Bias, context, biasLine, endLine, $"{field}.bias", "");
        return layer;
    }

    private static void CopyExact(float[]? values, float[] destination, ParseContext context, long line, long endLine, string field, string shape)
    {
        if (values is null)
        {
            throw context.Error(endLine, field, "missing");
        }

        if (values.Length != destination.Length)
        {
            throw context.Error(line, field, $"expected {shape}{destination.Length} values, got {values.Length}");
        }

        values.CopyTo(destination, 0);
    }

    /// <summary>Advances to the next property's value; false at the end of the object.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = "";
            return false;
        }

        name = reader.GetString() ?? "";
        reader.Read();
        return true;
    }

    /// <summary>The raw bytes are kept to turn a token's offset into a line number, only when an error is raised.</summary>
    private sealed class ParseContext(byte[] json, string source)
    {
        public long LineOf(ref Utf8JsonReader reader) =>
            json.AsSpan(0, (int)Math.Min(reader.TokenStartIndex, json.Length)).Count((byte)'\n') + 1;

        public DataFormatException Error(long line, string field, string problem) => new(source, line, field, problem);

        public DataFormatException Error(ref Utf8JsonReader reader, string field, string problem) =>
            Error(LineOf(ref reader), field, problem);

        public void Expect(ref Utf8JsonReader reader, JsonTokenType type, string field)
        {
            if (reader.TokenType != type)
            {
                throw Error(ref reader, field, $"expected {Describe(type)}, found {Describe(reader.TokenType)}");
            }
        }

        public int ReadInt(ref Utf8JsonReader reader, string field, int minimum = int.MinValue)
        {
            Expect(ref reader, JsonTokenType.Number, field);
            return reader.TryGetInt32(out int value) && value >= minimum
                ? value
                : throw Error(ref reader, field, $"expected a whole number ≥ {minimum}, got {System.Text.Encoding.UTF8.GetString(reader.ValueSpan)}");
        }

        public float[] ReadFloats(ref Utf8JsonReader reader, string field)
        {
            Expect(ref reader, JsonTokenType.StartArray, field);
            var values = new List<float>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                string element = $"{field}[{values.Count}]";
                Expect(ref reader, JsonTokenType.Number, element);

                // Parsed from the text straight to float: going through double could round twice.
                if (!float.TryParse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                {
                    throw Error(ref reader, element, $"{System.Text.Encoding.UTF8.GetString(reader.ValueSpan)} is not a finite float");
                }

                values.Add(value);
            }

            return [.. values];
        }

        private static string Describe(JsonTokenType type) => type switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "true/false",
            JsonTokenType.Null => "null",
            JsonTokenType.EndObject => "the end of an object",
            JsonTokenType.EndArray => "the end of an array",
            _ => type.ToString(),
        };
    }
}
