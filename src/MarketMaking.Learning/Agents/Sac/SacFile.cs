using System.Text;
using System.Text.Json;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Sac;

/// <summary>
/// The JSON form of <see cref="SacAgent"/>: settings, depth range, temperature, counters, and the
/// actor, both critics and both targets, each in the <see cref="MlpJson"/> form. Floats round-trip
/// exactly, so a loaded agent quotes bit for bit like the saved one.
/// <code>
/// { "format": "marketmaking.sac", "version": 1, "observation_size": 2, "depth_min": 0, "depth_max": 2.4,
///   "settings": { "hidden_sizes": [64, 64], … }, "training": { "steps": …, "updates": …, "log_temperature": … },
///   "actor": { "format": "marketmaking.mlp", … }, "critic1": …, "critic2": …, "target1": …, "target2": … }
/// </code>
/// </summary>
internal static class SacFile
{
    public const string Format = "marketmaking.sac";
    public const int Version = 1;

    private static readonly string[] Networks = ["actor", "critic1", "critic2", "target1", "target2"];

    public static void Save(SacAgent agent, string path)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ModelJson.Save(path, writer => Write(writer, agent));
    }

    public static SacAgent Load(string path) => ModelJson.Load(path, root => Read(root, path));

    private static void Write(Utf8JsonWriter writer, SacAgent agent)
    {
        SacSettings s = agent.Settings;
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteNumber("version", Version);
        writer.WriteNumber("observation_size", agent.ObservationSize);
        writer.WriteNumber("depth_min", agent.Depths.Min);
        writer.WriteNumber("depth_max", agent.Depths.Max);
        writer.WriteStartObject("settings");
        ModelJson.WriteArray(writer, "hidden_sizes", [.. s.HiddenSizes.Select(h => (double)h)]);
        writer.WriteString("activation", s.Activation.ToString());
        writer.WriteNumber("observation_scale", s.ObservationScale);
        writer.WriteBoolean("squared_features", s.SquaredFeatures);
        writer.WriteNumber("discount", s.Discount);
        writer.WriteNumber("target_smoothing", s.TargetSmoothing);
        writer.WriteNumber("learning_rate", s.LearningRate);
        writer.WriteNumber("batch_size", s.BatchSize);
        writer.WriteNumber("replay_capacity", s.ReplayCapacity);
        writer.WriteNumber("warmup_steps", s.WarmupSteps);
        writer.WriteNumber("update_every", s.UpdateEvery);
        writer.WriteNumber("target_entropy", agent.TargetEntropy);
        writer.WriteNumber("initial_temperature", s.InitialTemperature);
        writer.WriteNumber("reward_scale", s.RewardScale);
        writer.WriteEndObject();
        writer.WriteStartObject("training");
        writer.WriteNumber("steps", agent.Steps);
        writer.WriteNumber("updates", agent.Updates);
        writer.WriteNumber("log_temperature", agent.LogTemperature);
        writer.WriteEndObject();
        Mlp[] networks = [agent.Actor, agent.Critic1, agent.Critic2, agent.Target1, agent.Target2];
        for (int i = 0; i < networks.Length; i++)
        {
            writer.WritePropertyName(Networks[i]);
            writer.WriteRawValue(MlpJson.Serialize(networks[i]));
        }

        writer.WriteEndObject();
    }

    private static SacAgent Read(JsonElement root, string path)
    {
        ModelJson.RequireFormat(root, path, Format, Version, "a SAC policy");
        int observations = (int)ModelJson.Whole(root, path, "observation_size", "observation_size", 1, 1024);
        DepthRange depths;
        try
        {
            depths = new DepthRange(ModelJson.Number(root, path, "depth_min"), ModelJson.Number(root, path, "depth_max"));
        }
        catch (Core.Errors.InvalidParameterException e)
        {
            throw ModelJson.Bad(path, "depth_max", e.Message);
        }

        JsonElement s = ModelJson.Property(root, path, "settings", JsonValueKind.Object);
        JsonElement hidden = ModelJson.Property(s, path, "hidden_sizes", JsonValueKind.Array);
        if (!Enum.TryParse(ModelJson.Property(s, path, "activation", JsonValueKind.String).GetString(), out Activation activation) || !Enum.IsDefined(activation))
        {
            throw ModelJson.Bad(path, "settings.activation", "not an activation this build knows");
        }

        SacSettings settings;
        try
        {
            settings = new SacSettings
            {
                HiddenSizes = [.. hidden.EnumerateArray().Select(h => h.TryGetInt32(out int w) ? w : throw ModelJson.Bad(path, "settings.hidden_sizes", "not whole numbers"))],
                Activation = activation,
                ObservationScale = (float)ModelJson.Number(s, path, "observation_scale", "settings.observation_scale"),
                SquaredFeatures = ModelJson.Boolean(s, path, "squared_features", "settings.squared_features"),
                Discount = (float)ModelJson.Number(s, path, "discount", "settings.discount"),
                TargetSmoothing = (float)ModelJson.Number(s, path, "target_smoothing", "settings.target_smoothing"),
                LearningRate = (float)ModelJson.Number(s, path, "learning_rate", "settings.learning_rate"),
                BatchSize = (int)ModelJson.Whole(s, path, "batch_size", "settings.batch_size", 1, int.MaxValue),
                ReplayCapacity = (int)ModelJson.Whole(s, path, "replay_capacity", "settings.replay_capacity", 1, int.MaxValue),
                WarmupSteps = (int)ModelJson.Whole(s, path, "warmup_steps", "settings.warmup_steps", 0, int.MaxValue),
                UpdateEvery = (int)ModelJson.Whole(s, path, "update_every", "settings.update_every", 1, int.MaxValue),
                TargetEntropy = (float)ModelJson.Number(s, path, "target_entropy", "settings.target_entropy"),
                InitialTemperature = (float)ModelJson.Number(s, path, "initial_temperature", "settings.initial_temperature"),
                RewardScale = (float)ModelJson.Number(s, path, "reward_scale", "settings.reward_scale"),
            }.Validate();
        }
        catch (Core.Errors.InvalidParameterException e)
        {
            throw ModelJson.Bad(path, "settings", e.Message);
        }

        JsonElement training = ModelJson.Property(root, path, "training", JsonValueKind.Object);
        long steps = ModelJson.Whole(training, path, "steps", "training.steps", 0);
        long updates = ModelJson.Whole(training, path, "updates", "training.updates", 0);
        float logTemperature = (float)ModelJson.Number(training, path, "log_temperature", "training.log_temperature");
        var features = new ObservationFeatures(settings.ObservationScale, settings.SquaredFeatures);
        int inputs = features.Size(observations);
        Mlp[] networks = new Mlp[Networks.Length];
        for (int i = 0; i < Networks.Length; i++)
        {
            JsonElement element = ModelJson.Property(root, path, Networks[i], JsonValueKind.Object);
            Mlp network = MlpJson.Deserialize(Encoding.UTF8.GetBytes(element.GetRawText()), $"{path}#{Networks[i]}");
            (int expectedIn, int expectedOut) = i == 0 ? (inputs, 2 * SacAgent.ActionSize) : (inputs + SacAgent.ActionSize, 1);
            if (network.InputSize != expectedIn || network.OutputSize != expectedOut)
            {
                throw ModelJson.Bad(path, Networks[i], $"takes {network.InputSize} inputs and gives {network.OutputSize} outputs; expected {expectedIn} and {expectedOut}");
            }

            networks[i] = network;
        }

        return new SacAgent(observations, depths, settings, networks[0], networks[1], networks[2], networks[3], networks[4], logTemperature, steps, updates);
    }
}
