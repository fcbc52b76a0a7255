using System.Text;
using System.Text.Json;
using MarketMaking.Learning.Environments;

namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// The JSON form of <see cref="ContinuousPpoAgent"/>: the depth range, the squash ("squash": "clip",
/// written only for a clipped Gaussian: absent means tanh, as every file before it), log σ per side, and the
/// network, settings and counters in the grid PPO's own form (<see cref="PpoFile"/>, with one
/// output per head). Floats round-trip exactly, so a loaded agent quotes bit for bit like the saved one.
/// <code>
/// { "format": "marketmaking.ppo-continuous", "version": 1, "depth_min": 0, "depth_max": 2.4, "log_std": [-1.3, -1.2],
///   "actor_critic": { "format": "marketmaking.ppo", "version": 2, "bid_count": 1, "ask_count": 1, … } }
/// </code>
/// </summary>
internal static class ContinuousPpoFile
{
    public const string Format = "marketmaking.ppo-continuous";
    public const int Version = 1;

    public static void Save(ContinuousPpoAgent agent, string path)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ModelJson.WriteAtomically(path, Serialize(agent));
    }

    public static ContinuousPpoAgent Load(string path) => Deserialize(ModelJson.ReadBytes(path), path);

    public static byte[] Serialize(ContinuousPpoAgent agent) => ModelJson.Serialize(writer => Write(writer, agent));

    /// <param name="source">Names the origin (a path) in error messages.</param>
    public static ContinuousPpoAgent Deserialize(byte[] json, string source) => ModelJson.Parse(json, source, root => Read(root, source));

    private static void Write(Utf8JsonWriter writer, ContinuousPpoAgent agent)
    {
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteNumber("version", Version);
        writer.WriteNumber("depth_min", agent.Depths.Min);
        writer.WriteNumber("depth_max", agent.Depths.Max);
        if (agent.Squash == ActionSquash.Clip)
        {
            writer.WriteString("squash", agent.Squash.Name());
        }

        ModelJson.WriteArray(writer, "log_std", [.. agent.LogStd.Select(s => (double)s)]);
        writer.WritePropertyName("actor_critic");
        var view = new PpoAgent(agent.Network, agent.Settings, agent.EnvironmentSteps, agent.Updates, agent.OptimizerSteps);
        writer.WriteRawValue(PpoFile.Serialize(view));
        writer.WriteEndObject();
    }

    private static ContinuousPpoAgent Read(JsonElement root, string path)
    {
        ModelJson.RequireFormat(root, path, Format, Version, "a continuous PPO policy");
        DepthRange depths;
        try
        {
            depths = new DepthRange(ModelJson.Number(root, path, "depth_min"), ModelJson.Number(root, path, "depth_max"));
        }
        catch (Core.Errors.InvalidParameterException e)
        {
            throw ModelJson.Bad(path, "depth_max", e.Message);
        }

        ActionSquash squash = ActionSquash.Tanh;
        if (root.TryGetProperty("squash", out JsonElement name)
            && !(name.ValueKind == JsonValueKind.String && ActionSquashes.TryParse(name.GetString(), out squash)))
        {
            throw ModelJson.Bad(path, "squash", $"expected \"tanh\" or \"clip\", got {name.GetRawText()}");
        }

        float[] logStd = [.. ModelJson.Numbers(root, path, "log_std", ContinuousPpoAgent.ActionSize).Select(s => (float)s)];
        if (logStd.Any(s => !float.IsFinite(s)))
        {
            throw ModelJson.Bad(path, "log_std", "must be finite");
        }

        JsonElement inner = ModelJson.Property(root, path, "actor_critic", JsonValueKind.Object);
        PpoAgent view = PpoFile.Deserialize(Encoding.UTF8.GetBytes(inner.GetRawText()), $"{path} (actor_critic)");
        if (view.Network.BidCount != 1 || view.Network.AskCount != 1)
        {
            throw ModelJson.Bad(path, "actor_critic.bid_count", "a continuous head has one output per side");
        }

        return new ContinuousPpoAgent(view.Network, view.Settings, depths, squash, logStd, view.EnvironmentSteps, view.Updates, view.OptimizerSteps);
    }
}
