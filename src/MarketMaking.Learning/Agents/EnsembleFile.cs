using System.Text;
using System.Text.Json;

namespace MarketMaking.Learning.Agents;

/// <summary>
/// The JSON form of an ensemble: each member as its own agent document.
/// <code>{ "format": "marketmaking.ppo-ensemble", "version": 1, "members": [ { "format": "marketmaking.ppo", … }, … ] }</code>
/// A member's errors name the file and the member ("file#members[1]").
/// </summary>
internal static class EnsembleFile
{
    public const int Version = 1;

    public static void Save<TMember>(string path, string format, IEnumerable<TMember> members, Func<TMember, byte[]> serialize)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(serialize);
        ModelJson.Save(path, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("format", format);
            writer.WriteNumber("version", Version);
            writer.WriteStartArray("members");
            foreach (TMember member in members)
            {
                writer.WriteRawValue(serialize(member));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// Reads the members with <paramref name="deserialize"/> (bytes, "file#members[i]") and builds the
    /// ensemble; an <see cref="ArgumentException"/> from <paramref name="create"/> (members that do
    /// not fit together) becomes a one-line error on the "members" field.
    /// </summary>
    public static TEnsemble Load<TMember, TEnsemble>(string path, string format, string what, Func<byte[], string, TMember> deserialize, Func<IReadOnlyList<TMember>, TEnsemble> create) =>
        ModelJson.Load(path, root =>
        {
            ModelJson.RequireFormat(root, path, format, Version, what);
            JsonElement members = ModelJson.Property(root, path, "members", JsonValueKind.Array);
            var agents = new List<TMember>();
            foreach (JsonElement member in members.EnumerateArray())
            {
                agents.Add(deserialize(Encoding.UTF8.GetBytes(member.GetRawText()), $"{path}#members[{agents.Count}]"));
            }

            if (agents.Count == 0)
            {
                throw ModelJson.Bad(path, "members", "empty: an ensemble needs at least one member");
            }

            try
            {
                return create(agents);
            }
            catch (ArgumentException e)
            {
                throw ModelJson.Bad(path, "members", e.Message.Split(" (Parameter", 2)[0]);
            }
        });
}
