using System.Text.Json;
using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Agents.QLearning;

/// <summary>
/// The JSON form of <see cref="QLearningAgent"/>: settings, the step counter, and each table with
/// its visit counts (states × actions, row-major). Doubles are written in shortest round-trip form,
/// so a loaded agent is the saved one bit for bit and resumes training where it stopped.
/// </summary>
internal static class QLearningFile
{
    public const string Format = "marketmaking.qlearning";
    public const int Version = 1;

    public static void Save(QLearningAgent agent, string path)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ModelJson.Save(path, writer =>
        {
            QLearningSettings s = agent.Settings;
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteStartObject("settings");
            writer.WriteNumber("max_inventory", s.MaxInventory);
            writer.WriteNumber("time_bins", s.TimeBins);
            writer.WriteNumber("inventory_index", s.InventoryIndex);
            writer.WriteNumber("time_index", s.TimeIndex);
            writer.WriteStartArray("features");
            foreach (FeatureBins feature in s.Features)
            {
                writer.WriteStartObject();
                writer.WriteNumber("index", feature.ObservationIndex);
                ModelJson.WriteArray(writer, "edges", feature.Edges);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("gamma", s.Gamma);
            writer.WriteNumber("epsilon_start", s.EpsilonStart);
            writer.WriteNumber("epsilon_end", s.EpsilonEnd);
            writer.WriteNumber("epsilon_decay_steps", s.EpsilonDecaySteps);
            writer.WriteNumber("learning_rate_exponent", s.LearningRateExponent);
            writer.WriteNumber("min_learning_rate", s.MinLearningRate);
            writer.WriteBoolean("double_q", s.DoubleQ);
            writer.WriteNumber("factored_ask_count", s.FactoredAskCount);
            writer.WriteEndObject();
            writer.WriteNumber("actions", agent.ActionCount);
            writer.WriteNumber("states", agent.States.Count);
            writer.WriteNumber("steps", agent.Steps);
            ModelJson.WriteArray(writer, "q", agent.First);
            WriteCounts(writer, "visits", agent.FirstVisits);
            if (agent.Second is not null)
            {
                ModelJson.WriteArray(writer, "q2", agent.Second);
                WriteCounts(writer, "visits2", agent.SecondVisits!);
            }

            writer.WriteEndObject();
        });
    }

    public static QLearningAgent Load(string path) => ModelJson.Load(path, root => Read(root, path));

    private static QLearningAgent Read(JsonElement root, string path)
    {
        ModelJson.RequireFormat(root, path, Format, Version, "a Q-learning agent");

        QLearningSettings settings = ReadSettings(ModelJson.Property(root, path, "settings", JsonValueKind.Object), path);
        int actions = (int)ModelJson.Whole(root, path, "actions", "actions", 1, int.MaxValue);
        QLearningAgent agent;
        try
        {
            agent = new QLearningAgent(settings, actions);
        }
        catch (InvalidParameterException e)
        {
            throw ModelJson.Bad(path, "settings", e.Message);
        }

        long states = ModelJson.Whole(root, path, "states", "states", 1);
        if (states != agent.States.Count)
        {
            throw ModelJson.Bad(path, "states", $"{states} states, but the settings' bins give {agent.States.Count}");
        }

        agent.Steps = ModelJson.Whole(root, path, "steps", "steps", 0);
        ReadDoubles(root, path, "q", agent.First);
        ReadCounts(root, path, "visits", agent.FirstVisits);
        if (agent.Second is not null)
        {
            ReadDoubles(root, path, "q2", agent.Second);
            ReadCounts(root, path, "visits2", agent.SecondVisits!);
        }
        else if (root.TryGetProperty("q2", out _))
        {
            throw ModelJson.Bad(path, "q2", "present, but double_q is false");
        }

        return agent;
    }

    private static QLearningSettings ReadSettings(JsonElement s, string path)
    {
        JsonElement featuresElement = ModelJson.Property(s, path, "features", JsonValueKind.Array);
        var features = new List<FeatureBins>();
        foreach (JsonElement item in featuresElement.EnumerateArray())
        {
            string field = $"settings.features[{features.Count}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw ModelJson.Bad(path, field, $"expected an object, got {ModelJson.Kind(item)}");
            }

            int index = (int)ModelJson.Whole(item, path, "index", field + ".index", 0, int.MaxValue);
            JsonElement edgesElement = ModelJson.Property(item, path, "edges", JsonValueKind.Array);
            double[] edges = new double[edgesElement.GetArrayLength()];
            Fill(edgesElement, path, $"{field}.edges", edges);
            try
            {
                features.Add(new FeatureBins(index, edges));
            }
            catch (InvalidParameterException e)
            {
                throw ModelJson.Bad(path, field, e.Message);
            }
        }

        return new QLearningSettings
        {
            MaxInventory = (int)ModelJson.Whole(s, path, "max_inventory", "settings.max_inventory", 1, int.MaxValue),
            TimeBins = (int)ModelJson.Whole(s, path, "time_bins", "settings.time_bins", 1, int.MaxValue),
            InventoryIndex = (int)ModelJson.Whole(s, path, "inventory_index", "settings.inventory_index", 0, int.MaxValue),
            TimeIndex = (int)ModelJson.Whole(s, path, "time_index", "settings.time_index", 0, int.MaxValue),
            Features = features,
            Gamma = ModelJson.Number(s, path, "gamma", "settings.gamma"),
            EpsilonStart = ModelJson.Number(s, path, "epsilon_start", "settings.epsilon_start"),
            EpsilonEnd = ModelJson.Number(s, path, "epsilon_end", "settings.epsilon_end"),
            EpsilonDecaySteps = ModelJson.Whole(s, path, "epsilon_decay_steps", "settings.epsilon_decay_steps", 0, long.MaxValue),
            LearningRateExponent = ModelJson.Number(s, path, "learning_rate_exponent", "settings.learning_rate_exponent"),
            MinLearningRate = ModelJson.Number(s, path, "min_learning_rate", "settings.min_learning_rate"),
            DoubleQ = ModelJson.Boolean(s, path, "double_q", "settings.double_q"),
            FactoredAskCount = (int)ModelJson.Whole(s, path, "factored_ask_count", "settings.factored_ask_count", 0, int.MaxValue),
        };
    }

    private static void ReadDoubles(JsonElement root, string path, string name, double[] destination)
    {
        JsonElement array = ModelJson.Property(root, path, name, JsonValueKind.Array);
        if (array.GetArrayLength() != destination.Length)
        {
            throw ModelJson.Bad(path, name, $"has {array.GetArrayLength()} values but the table has {destination.Length} cells");
        }

        Fill(array, path, name, destination);
    }

    private static void Fill(JsonElement array, string path, string name, double[] destination)
    {
        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            destination[index] = item.ValueKind == JsonValueKind.Number && item.TryGetDouble(out double value) && double.IsFinite(value)
                ? value
                : throw ModelJson.Bad(path, name, $"item {index} ({item.GetRawText()}) is not a finite number");
            index++;
        }
    }

    private static void ReadCounts(JsonElement root, string path, string name, long[] destination)
    {
        JsonElement array = ModelJson.Property(root, path, name, JsonValueKind.Array);
        if (array.GetArrayLength() != destination.Length)
        {
            throw ModelJson.Bad(path, name, $"has {array.GetArrayLength()} values but the table has {destination.Length} cells");
        }

        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            destination[index] = item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out long value) && value >= 0
                ? value
                : throw ModelJson.Bad(path, name, $"item {index} ({item.GetRawText()}) is not a count");
            index++;
        }
    }

    private static void WriteCounts(Utf8JsonWriter writer, string name, long[] values)
    {
        writer.WriteStartArray(name);
        foreach (long value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
