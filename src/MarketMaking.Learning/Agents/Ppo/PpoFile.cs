using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// The JSON form of <see cref="PpoAgent"/>: settings, counters and the four parts of the network.
/// Floats are written in shortest round-trip form and read straight to float, so a loaded agent
/// acts bit for bit like the saved one.
/// <code>
/// { "format": "marketmaking.ppo", "version": 2, "observation_size": 2, "bid_count": 12, "ask_count": 12,
///   "settings": { "hidden_sizes": [64, 64], "activation": "Tanh", ... },
///   "training": { "environment_steps": …, "updates": …, "optimizer_steps": … },
///   "trunk": [ { "inputs": 2, "outputs": 64, "activation": "Tanh", "weights": […], "bias": […] }, … ],
///   "bid_head": { … }, "ask_head": { … }, "value_head": { … }, "value_trunk": [ … ] (only with separate_value_trunk) }
/// The trunk's first layer takes 2 × observation_size inputs when settings.squared_features is on.
/// Version 1 files (before those two settings) still load, as the plain shared-trunk network they describe.
/// settings.time_scale (the time left's own gain) and settings.time_products (true: the trunk also
/// takes each other feature times the time left) are written only when set; a file without them (all
/// before they existed) gives the time the inventory's gain, settings.observation_scale, and no products.
/// </code>
/// </summary>
internal static class PpoFile
{
    public const string Format = "marketmaking.ppo";
    public const int Version = 2;

    public static void Save(PpoAgent agent, string path)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ModelJson.WriteAtomically(path, Serialize(agent));
    }

    public static PpoAgent Load(string path) => Deserialize(ModelJson.ReadBytes(path), path);

    public static byte[] Serialize(PpoAgent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ActorCritic network = agent.Network;
        PpoSettings s = agent.Settings;
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteNumber("observation_size", network.ObservationSize);
            writer.WriteNumber("bid_count", network.BidCount);
            writer.WriteNumber("ask_count", network.AskCount);

            writer.WriteStartObject("settings");
            writer.WriteStartArray("hidden_sizes");
            foreach (int size in s.HiddenSizes)
            {
                writer.WriteNumberValue(size);
            }

            writer.WriteEndArray();
            writer.WriteString("activation", s.Activation.ToString());
            writer.WriteNumber("observation_scale", s.ObservationScale);
            if (s.TimeScale is { } timeScale)
            {
                // Only when set apart, so files of the earlier features stay as they were.
                writer.WriteNumber("time_scale", timeScale);
            }

            if (s.TimeProducts)
            {
                writer.WriteBoolean("time_products", true);
            }

            writer.WriteBoolean("squared_features", s.SquaredFeatures);
            writer.WriteBoolean("separate_value_trunk", s.SeparateValueTrunk);
            writer.WriteNumber("rollout_steps", s.RolloutSteps);
            writer.WriteNumber("epochs", s.Epochs);
            writer.WriteNumber("minibatch_size", s.MinibatchSize);
            writer.WriteNumber("discount", s.Discount);
            writer.WriteNumber("gae_lambda", s.GaeLambda);
            writer.WriteNumber("clip_range", s.ClipRange);
            writer.WriteNumber("value_clip_range", s.ValueClipRange);
            writer.WriteNumber("value_coefficient", s.ValueCoefficient);
            writer.WriteNumber("entropy_coefficient", s.EntropyCoefficient);
            writer.WriteNumber("learning_rate", s.LearningRate);
            writer.WriteBoolean("anneal_learning_rate", s.AnnealLearningRate);
            writer.WriteNumber("max_gradient_norm", s.MaxGradientNorm);
            writer.WriteNumber("reward_scale", s.RewardScale);
            writer.WriteBoolean("normalize_advantages", s.NormalizeAdvantages);
            writer.WriteEndObject();

            writer.WriteStartObject("training");
            writer.WriteNumber("environment_steps", agent.EnvironmentSteps);
            writer.WriteNumber("updates", agent.Updates);
            writer.WriteNumber("optimizer_steps", agent.OptimizerSteps);
            writer.WriteEndObject();

            writer.WriteStartArray("trunk");
            foreach (DenseLayer layer in network.Trunk.Layers)
            {
                WriteLayer(writer, null, layer);
            }

            writer.WriteEndArray();
            WriteLayer(writer, "bid_head", network.BidHead);
            WriteLayer(writer, "ask_head", network.AskHead);
            WriteLayer(writer, "value_head", network.ValueHead);
            if (network.ValueTrunk is not null)
            {
                writer.WriteStartArray("value_trunk");
                foreach (DenseLayer layer in network.ValueTrunk.Layers)
                {
                    WriteLayer(writer, null, layer);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <param name="source">Names the origin (a path) in error messages.</param>
    public static PpoAgent Deserialize(byte[] json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        var file = new JsonFields(json, source);
        if (json.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            throw file.Error("json", "the file is empty");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            // The reader's message repeats the position the exception already gives; keep its first sentence.
            string problem = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].ReplaceLineEndings(" ").Trim();
            throw new DataFormatException(source, (e.LineNumber ?? 0) + 1, "json", $"not valid JSON: {problem}");
        }

        using (document)
        {
            return Read(document.RootElement, file);
        }
    }

    private static PpoAgent Read(JsonElement root, JsonFields file)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw file.Error("json", $"expected a JSON object, got {ModelJson.Kind(root)}");
        }

        string? format = file.Get(root, "format", "format", JsonValueKind.String).GetString();
        if (format != Format)
        {
            throw file.Error("format", $"expected \"{Format}\", got \"{format}\": not a PPO agent");
        }

        long version = file.Integer(root, "version", "version", 1);
        if (version is < 1 or > Version)
        {
            throw file.Error("version", $"version {version} is not supported (this build reads versions 1 to {Version})");
        }

        int observations = (int)file.Integer(root, "observation_size", "observation_size", 1);
        int bids = (int)file.Integer(root, "bid_count", "bid_count", 1);
        int asks = (int)file.Integer(root, "ask_count", "ask_count", 1);
        PpoSettings settings = ReadSettings(file.Get(root, "settings", "settings", JsonValueKind.Object), file, version);
        JsonElement training = file.Get(root, "training", "training", JsonValueKind.Object);
        long environmentSteps = file.Integer(training, "environment_steps", "training.environment_steps", 0);
        long updates = file.Integer(training, "updates", "training.updates", 0);
        long optimizerSteps = file.Integer(training, "optimizer_steps", "training.optimizer_steps", 0);

        JsonElement trunkElement = file.Get(root, "trunk", "trunk", JsonValueKind.Array);
        if (trunkElement.GetArrayLength() != settings.HiddenSizes.Count)
        {
            throw file.Error("trunk", $"has {trunkElement.GetArrayLength()} layers but settings.hidden_sizes has {settings.HiddenSizes.Count}");
        }

        int features = settings.Features.Size(observations);
        Mlp trunk = ReadTrunk(trunkElement, file, "trunk", features, settings);
        int inputs = settings.HiddenSizes[^1];
        Mlp? valueTrunk = null;
        if (settings.SeparateValueTrunk)
        {
            JsonElement valueElement = file.Get(root, "value_trunk", "value_trunk", JsonValueKind.Array);
            if (valueElement.GetArrayLength() != settings.HiddenSizes.Count)
            {
                throw file.Error("value_trunk", $"has {valueElement.GetArrayLength()} layers but settings.hidden_sizes has {settings.HiddenSizes.Count}");
            }

            valueTrunk = ReadTrunk(valueElement, file, "value_trunk", features, settings);
        }
        else if (root.TryGetProperty("value_trunk", out _))
        {
            throw file.Error("value_trunk", "present but settings.separate_value_trunk is false");
        }

        DenseLayer bid = ReadLayer(file.Get(root, "bid_head", "bid_head", JsonValueKind.Object), file, "bid_head", inputs, bids, Activation.Identity);
        DenseLayer ask = ReadLayer(file.Get(root, "ask_head", "ask_head", JsonValueKind.Object), file, "ask_head", inputs, asks, Activation.Identity);
        DenseLayer value = ReadLayer(file.Get(root, "value_head", "value_head", JsonValueKind.Object), file, "value_head", inputs, 1, Activation.Identity);
        var network = new ActorCritic(trunk, bid, ask, value, settings.ObservationScale, settings.SquaredFeatures, valueTrunk, settings.TimeScale, settings.TimeProducts);
        return new PpoAgent(network, settings, environmentSteps, updates, optimizerSteps);
    }

    private static Mlp ReadTrunk(JsonElement array, JsonFields file, string field, int features, PpoSettings settings)
    {
        var layers = new List<DenseLayer>();
        int inputs = features;
        foreach (JsonElement item in array.EnumerateArray())
        {
            int index = layers.Count;
            layers.Add(ReadLayer(item, file, $"{field}[{index}]", inputs, settings.HiddenSizes[index], settings.Activation));
            inputs = settings.HiddenSizes[index];
        }

        return new Mlp(layers);
    }

    private static PpoSettings ReadSettings(JsonElement s, JsonFields file, long version)
    {
        JsonElement hidden = file.Get(s, "hidden_sizes", "settings.hidden_sizes", JsonValueKind.Array);
        var sizes = new List<int>();
        foreach (JsonElement item in hidden.EnumerateArray())
        {
            sizes.Add(item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out int size) && size >= 1
                ? size
                : throw file.Error($"settings.hidden_sizes[{sizes.Count}]", $"expected a width ≥ 1, got {item.GetRawText()}"));
        }

        var settings = new PpoSettings
        {
            HiddenSizes = sizes,
            Activation = file.Enum<Activation>(s, "activation", "settings.activation"),
            ObservationScale = file.Float(s, "observation_scale", "settings.observation_scale"),
            // Absent before the time left had its own gain: it took the inventory's.
            TimeScale = s.TryGetProperty("time_scale", out _) ? file.Float(s, "time_scale", "settings.time_scale") : null,
            TimeProducts = s.TryGetProperty("time_products", out _) && file.Boolean(s, "time_products", "settings.time_products"),
            // Version 1 predates both: its network is the plain shared trunk.
            SquaredFeatures = version >= 2 && file.Boolean(s, "squared_features", "settings.squared_features"),
            SeparateValueTrunk = version >= 2 && file.Boolean(s, "separate_value_trunk", "settings.separate_value_trunk"),
            RolloutSteps = (int)file.Integer(s, "rollout_steps", "settings.rollout_steps", 1),
            Epochs = (int)file.Integer(s, "epochs", "settings.epochs", 1),
            MinibatchSize = (int)file.Integer(s, "minibatch_size", "settings.minibatch_size", 1),
            Discount = file.Float(s, "discount", "settings.discount"),
            GaeLambda = file.Float(s, "gae_lambda", "settings.gae_lambda"),
            ClipRange = file.Float(s, "clip_range", "settings.clip_range"),
            ValueClipRange = file.Float(s, "value_clip_range", "settings.value_clip_range"),
            ValueCoefficient = file.Float(s, "value_coefficient", "settings.value_coefficient"),
            EntropyCoefficient = file.Float(s, "entropy_coefficient", "settings.entropy_coefficient"),
            LearningRate = file.Float(s, "learning_rate", "settings.learning_rate"),
            AnnealLearningRate = file.Boolean(s, "anneal_learning_rate", "settings.anneal_learning_rate"),
            MaxGradientNorm = file.Float(s, "max_gradient_norm", "settings.max_gradient_norm"),
            RewardScale = file.Float(s, "reward_scale", "settings.reward_scale"),
            NormalizeAdvantages = file.Boolean(s, "normalize_advantages", "settings.normalize_advantages"),
        };
        try
        {
            return settings.Validate();
        }
        catch (InvalidParameterException e)
        {
            throw file.Error($"settings.{e.Parameter}", e.Message);
        }
    }

    private static void WriteLayer(Utf8JsonWriter writer, string? name, DenseLayer layer)
    {
        if (name is null)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartObject(name);
        }

        writer.WriteNumber("inputs", layer.InputSize);
        writer.WriteNumber("outputs", layer.OutputSize);
        writer.WriteString("activation", layer.Activation.ToString());
        WriteFloats(writer, "weights", layer.Weights);
        WriteFloats(writer, "bias", layer.Bias);
        writer.WriteEndObject();
    }

    private static void WriteFloats(Utf8JsonWriter writer, string name, float[] values)
    {
        writer.WriteStartArray(name);
        foreach (float value in values)
        {
            if (!float.IsFinite(value))
            {
                throw new InvalidOperationException($"{name} holds {value}; JSON cannot store it (training diverged?)");
            }

            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    private static DenseLayer ReadLayer(JsonElement element, JsonFields file, string field, int inputs, int outputs, Activation activation)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw file.Error(field, $"expected an object, got {ModelJson.Kind(element)}");
        }

        long fileInputs = file.Integer(element, "inputs", $"{field}.inputs", 1);
        long fileOutputs = file.Integer(element, "outputs", $"{field}.outputs", 1);
        Activation fileActivation = file.Enum<Activation>(element, "activation", $"{field}.activation");
        if (fileInputs != inputs || fileOutputs != outputs || fileActivation != activation)
        {
            throw file.Error(field, $"is {fileInputs}→{fileOutputs} {fileActivation}, expected {inputs}→{outputs} {activation} from the sizes and settings");
        }

        var layer = new DenseLayer(inputs, outputs, activation);
        file.Floats(element, "weights", $"{field}.weights", layer.Weights);
        file.Floats(element, "bias", $"{field}.bias", layer.Bias);
        return layer;
    }

    /// <summary>Typed field access that raises one-line errors; the line is found by searching the raw text for the field's path.</summary>
    private sealed class JsonFields(byte[] json, string source)
    {
        public DataFormatException Error(string field, string problem) => new(source, JsonLines.LineOf(json, field), field, problem);

        public JsonElement Get(JsonElement parent, string name, string field, JsonValueKind kind)
        {
            if (!parent.TryGetProperty(name, out JsonElement value))
            {
                throw Error(field, "missing");
            }

            return value.ValueKind == kind ? value : throw Error(field, $"expected {ModelJson.Kind(kind)}, got {ModelJson.Kind(value)}");
        }

        public long Integer(JsonElement parent, string name, string field, long minimum)
        {
            JsonElement element = Get(parent, name, field, JsonValueKind.Number);
            return element.TryGetInt64(out long value) && value >= minimum
                ? value
                : throw Error(field, $"expected a whole number ≥ {minimum}, got {element.GetRawText()}");
        }

        public float Float(JsonElement parent, string name, string field)
        {
            JsonElement element = Get(parent, name, field, JsonValueKind.Number);
            return element.TryGetSingle(out float value) && float.IsFinite(value)
                ? value
                : throw Error(field, $"{element.GetRawText()} is not a finite float");
        }

        public bool Boolean(JsonElement parent, string name, string field)
        {
            if (!parent.TryGetProperty(name, out JsonElement value))
            {
                throw Error(field, "missing");
            }

            return value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? value.GetBoolean()
                : throw Error(field, $"expected true/false, got {ModelJson.Kind(value)}");
        }

        public T Enum<T>(JsonElement parent, string name, string field)
            where T : struct, Enum
        {
            string? text = Get(parent, name, field, JsonValueKind.String).GetString();
            return System.Enum.TryParse(text, ignoreCase: false, out T value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _)
                ? value
                : throw Error(field, $"unknown value \"{text}\"; known: {string.Join(", ", System.Enum.GetNames<T>())}");
        }

        public void Floats(JsonElement parent, string name, string field, float[] destination)
        {
            JsonElement array = Get(parent, name, field, JsonValueKind.Array);
            if (array.GetArrayLength() != destination.Length)
            {
                throw Error(field, $"expected {destination.Length} values, got {array.GetArrayLength()}");
            }

            int index = 0;
            foreach (JsonElement item in array.EnumerateArray())
            {
                destination[index] = item.ValueKind == JsonValueKind.Number && item.TryGetSingle(out float value) && float.IsFinite(value)
                    ? value
                    : throw Error($"{field}[{index}]", $"{item.GetRawText()} is not a finite float");
                index++;
            }
        }
    }
}
