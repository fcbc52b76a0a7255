using System.Text;
using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Dqn;

/// <summary>
/// The JSON form of <see cref="DqnAgent"/>: settings, step and update counters, and the online
/// and target networks in the <see cref="MlpJson"/> format embedded as objects. Floats keep their
/// shortest round-trip text, so loaded networks are bit-identical. Not stored: the replay buffer
/// and Adam's moments.
/// </summary>
internal static class DqnFile
{
    public const string Format = "marketmaking.dqn";
    public const int Version = 1;

    public static void Save(DqnAgent agent, string path) => ModelJson.WriteAtomically(path, Serialize(agent));

    public static byte[] Serialize(DqnAgent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return ModelJson.Serialize(writer =>
        {
            DqnSettings s = agent.Settings;
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteStartObject("settings");
            writer.WriteStartArray("hidden");
            foreach (int width in s.Hidden)
            {
                writer.WriteNumberValue(width);
            }

            writer.WriteEndArray();
            writer.WriteNumber("learning_rate", s.LearningRate);
            writer.WriteNumber("learning_rate_end", s.LearningRateEnd);
            writer.WriteNumber("learning_rate_decay_steps", s.LearningRateDecaySteps);
            writer.WriteNumber("n_step", s.NStep);
            writer.WriteNumber("gamma", s.Gamma);
            writer.WriteNumber("batch_size", s.BatchSize);
            writer.WriteNumber("replay_capacity", s.ReplayCapacity);
            writer.WriteNumber("learning_starts", s.LearningStarts);
            writer.WriteNumber("update_every", s.UpdateEvery);
            writer.WriteNumber("target_update_interval", s.TargetUpdateInterval);
            writer.WriteNumber("tau", s.Tau);
            writer.WriteNumber("huber_delta", s.HuberDelta);
            writer.WriteNumber("max_gradient_norm", s.MaxGradientNorm);
            writer.WriteNumber("epsilon_start", s.EpsilonStart);
            writer.WriteNumber("epsilon_end", s.EpsilonEnd);
            writer.WriteNumber("epsilon_decay_steps", s.EpsilonDecaySteps);
            writer.WriteBoolean("double_dqn", s.DoubleDqn);
            writer.WriteNumber("factored_ask_count", s.FactoredAskCount);
            writer.WriteBoolean("dueling", s.Dueling);
            writer.WriteNumber("smooth_degree", s.SmoothDegree);
            writer.WriteNumber("advantage_learning", s.AdvantageLearning);
            writer.WriteNumber("policy_average_tau", s.PolicyAverageTau);
            writer.WriteNumber("observation_scale", s.ObservationScale);
            writer.WriteBoolean("squared_features", s.SquaredFeatures);
            writer.WriteEndObject();
            writer.WriteNumber("actions", agent.ActionCount);
            writer.WriteNumber("steps", agent.Steps);
            writer.WriteNumber("updates", agent.Updates);
            writer.WritePropertyName("online");
            writer.WriteRawValue(MlpJson.Serialize(agent.Online));
            writer.WritePropertyName("target");
            writer.WriteRawValue(MlpJson.Serialize(agent.Target));
            if (agent.Averaged is { } averaged)
            {
                writer.WritePropertyName("averaged");
                writer.WriteRawValue(MlpJson.Serialize(averaged));
            }

            writer.WriteEndObject();
        });
    }

    public static DqnAgent Load(string path) => Deserialize(ModelJson.ReadBytes(path), path);

    /// <param name="source">Names the origin (a path, or "path#members[i]") in error messages.</param>
    public static DqnAgent Deserialize(byte[] json, string source) => ModelJson.Parse(json, source, root => Read(root, source));

    private static DqnAgent Read(JsonElement root, string path)
    {
        ModelJson.RequireFormat(root, path, Format, Version, "a DQN agent");

        JsonElement s = ModelJson.Property(root, path, "settings", JsonValueKind.Object);
        JsonElement hiddenElement = ModelJson.Property(s, path, "hidden", JsonValueKind.Array);
        var hidden = new List<int>();
        foreach (JsonElement item in hiddenElement.EnumerateArray())
        {
            hidden.Add(item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out int width) && width >= 1
                ? width
                : throw ModelJson.Bad(path, "settings.hidden", $"item {hidden.Count} ({item.GetRawText()}) is not a layer width"));
        }

        var settings = new DqnSettings
        {
            Hidden = hidden,
            LearningRate = ModelJson.Number(s, path, "learning_rate", "settings.learning_rate"),

            // Files written before these settings existed trained with a constant step size and one-step targets.
            LearningRateEnd = s.TryGetProperty("learning_rate_end", out _) ? ModelJson.Number(s, path, "learning_rate_end", "settings.learning_rate_end") : ModelJson.Number(s, path, "learning_rate", "settings.learning_rate"),
            LearningRateDecaySteps = s.TryGetProperty("learning_rate_decay_steps", out _) ? ModelJson.Whole(s, path, "learning_rate_decay_steps", "settings.learning_rate_decay_steps", 0) : 0,
            NStep = s.TryGetProperty("n_step", out _) ? (int)ModelJson.Whole(s, path, "n_step", "settings.n_step", 1, int.MaxValue) : 1,
            Gamma = ModelJson.Number(s, path, "gamma", "settings.gamma"),
            BatchSize = (int)ModelJson.Whole(s, path, "batch_size", "settings.batch_size", 1, int.MaxValue),
            ReplayCapacity = (int)ModelJson.Whole(s, path, "replay_capacity", "settings.replay_capacity", 1, int.MaxValue),
            LearningStarts = (int)ModelJson.Whole(s, path, "learning_starts", "settings.learning_starts", 1, int.MaxValue),
            UpdateEvery = (int)ModelJson.Whole(s, path, "update_every", "settings.update_every", 1, int.MaxValue),
            TargetUpdateInterval = (int)ModelJson.Whole(s, path, "target_update_interval", "settings.target_update_interval", 0, int.MaxValue),
            Tau = ModelJson.Number(s, path, "tau", "settings.tau"),
            HuberDelta = ModelJson.Number(s, path, "huber_delta", "settings.huber_delta"),
            MaxGradientNorm = ModelJson.Number(s, path, "max_gradient_norm", "settings.max_gradient_norm"),
            EpsilonStart = ModelJson.Number(s, path, "epsilon_start", "settings.epsilon_start"),
            EpsilonEnd = ModelJson.Number(s, path, "epsilon_end", "settings.epsilon_end"),
            EpsilonDecaySteps = ModelJson.Whole(s, path, "epsilon_decay_steps", "settings.epsilon_decay_steps", 0),
            DoubleDqn = ModelJson.Boolean(s, path, "double_dqn", "settings.double_dqn"),
            FactoredAskCount = (int)ModelJson.Whole(s, path, "factored_ask_count", "settings.factored_ask_count", 0, int.MaxValue),

            // Files written before these settings existed fed the observations in as they are.
            ObservationScale = s.TryGetProperty("observation_scale", out _) ? (float)ModelJson.Number(s, path, "observation_scale", "settings.observation_scale") : 1f,
            SquaredFeatures = s.TryGetProperty("squared_features", out _) && ModelJson.Boolean(s, path, "squared_features", "settings.squared_features"),
            PolicyAverageTau = s.TryGetProperty("policy_average_tau", out _) ? ModelJson.Number(s, path, "policy_average_tau", "settings.policy_average_tau") : 0,
            Dueling = s.TryGetProperty("dueling", out _) && ModelJson.Boolean(s, path, "dueling", "settings.dueling"),
            SmoothDegree = s.TryGetProperty("smooth_degree", out _) ? (int)ModelJson.Whole(s, path, "smooth_degree", "settings.smooth_degree", 0, int.MaxValue) : 0,
            AdvantageLearning = s.TryGetProperty("advantage_learning", out _) ? ModelJson.Number(s, path, "advantage_learning", "settings.advantage_learning") : 0,
        };
        try
        {
            settings.Validate();
        }
        catch (InvalidParameterException e)
        {
            throw ModelJson.Bad(path, "settings", e.Message);
        }

        int actions = (int)ModelJson.Whole(root, path, "actions", "actions", 1, int.MaxValue);
        Mlp online = Network(root, path, "online");
        Mlp target = Network(root, path, "target");
        if (!online.HasSameArchitecture(target))
        {
            throw ModelJson.Bad(path, "target", $"a {target.Describe()} network, but the online one is {online.Describe()}");
        }

        int outputs = new QHead(actions, settings.FactoredAskCount, settings.Dueling, settings.SmoothDegree).OutputSize;
        if (online.OutputSize != outputs || online.LayerSizes.Count != settings.Hidden.Count + 2 || !online.LayerSizes.Skip(1).SkipLast(1).SequenceEqual(settings.Hidden))
        {
            throw ModelJson.Bad(path, "online", $"a {online.Describe()} network does not match hidden [{string.Join(", ", settings.Hidden)}] and {outputs} outputs");
        }

        if (settings.SquaredFeatures && online.InputSize % 2 != 0)
        {
            throw ModelJson.Bad(path, "online", $"squared features need an even number of inputs, the network takes {online.InputSize}");
        }

        Mlp? averaged = settings.PolicyAverageTau > 0 ? Network(root, path, "averaged") : null;
        if (averaged is not null && !online.HasSameArchitecture(averaged))
        {
            throw ModelJson.Bad(path, "averaged", $"a {averaged.Describe()} network, but the online one is {online.Describe()}");
        }

        long steps = ModelJson.Whole(root, path, "steps", "steps", 0), updates = ModelJson.Whole(root, path, "updates", "updates", 0);
        try
        {
            return new DqnAgent(settings, actions, online, target, averaged) { Steps = steps, Updates = updates };
        }
        catch (ArgumentException e)
        {
            // Settings that disagree with the networks or the actions.
            throw ModelJson.Bad(path, "settings", e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    /// <summary>The embedded network is handed to <see cref="MlpJson"/> as its own document; its errors name "file#field".</summary>
    private static Mlp Network(JsonElement root, string path, string name)
    {
        JsonElement element = ModelJson.Property(root, path, name, JsonValueKind.Object);
        return MlpJson.Deserialize(Encoding.UTF8.GetBytes(element.GetRawText()), $"{path}#{name}");
    }
}
