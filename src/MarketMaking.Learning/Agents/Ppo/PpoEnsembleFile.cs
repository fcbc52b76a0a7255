using System.Text;
using System.Text.Json;

namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// The JSON form of <see cref="PpoEnsemble"/>: each member as its own PPO document.
/// <code>{ "format": "marketmaking.ppo-ensemble", "version": 1, "members": [ { "format": "marketmaking.ppo", … }, … ] }</code>
/// A member's errors name the file and the member ("file#members[1]").
/// </summary>
internal static class PpoEnsembleFile
{
    public const string Format = "marketmaking.ppo-ensemble";
    public const int Version = 1;

    public static void Save(PpoEnsemble ensemble, string path)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ModelJson.Save(path, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteStartArray("members");
            foreach (PpoAgent member in ensemble.Members)
            {
                writer.WriteRawValue(PpoFile.Serialize(member));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    public static PpoEnsemble Load(string path) => ModelJson.Load(path, root =>
    {
        ModelJson.RequireFormat(root, path, Format, Version, "a PPO ensemble");
        JsonElement members = ModelJson.Property(root, path, "members", JsonValueKind.Array);
        var agents = new List<PpoAgent>();
        foreach (JsonElement member in members.EnumerateArray())
        {
            agents.Add(PpoFile.Deserialize(Encoding.UTF8.GetBytes(member.GetRawText()), $"{path}#members[{agents.Count}]"));
        }

        if (agents.Count == 0)
        {
            throw ModelJson.Bad(path, "members", "empty: an ensemble needs at least one member");
        }

        try
        {
            return new PpoEnsemble(agents);
        }
        catch (ArgumentException e)
        {
            throw ModelJson.Bad(path, "members", e.Message.Split(" (Parameter", 2)[0]);
        }
    });
}
