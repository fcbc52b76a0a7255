using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Learning.Agents.Dqn;
using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Research.Cluster;
using MarketMaking.Research.Runs;

namespace MarketMaking.Research.Training;

/// <summary>
/// One member of a PPO, continuous PPO or DQN ensemble in a file of its own: an ensemble file of that one member
/// (so every command that reads a policy reads it) with an "ensemble_member" field
/// (<see cref="EnsembleMember"/>). <see cref="Merge"/> joins the members trained by separate
/// processes, machines or array tasks into the ensemble that training them all in one process
/// writes, byte for byte.
/// </summary>
public static class EnsembleMemberFile
{
    /// <summary>The member's marker in its file (<see cref="TrainingRecord.Read"/> takes a member's record from it).</summary>
    internal const string Field = "ensemble_member";

    /// <summary>Writes <paramref name="agent"/> (a PPO, continuous PPO or DQN agent) as <paramref name="member"/>, atomically.</summary>
    /// <exception cref="OutputException">The file cannot be written.</exception>
    public static void Save(object agent, EnsembleMember member, string path)
    {
        ArgumentNullException.ThrowIfNull(member);
        object one = agent switch
        {
            PpoAgent p => new PpoEnsemble([p]),
            DqnAgent d => new DqnEnsemble([d]),
            ContinuousPpoAgent c => new ContinuousPpoEnsemble([c]),
            _ => throw new ArgumentException($"ensembles are built of PPO, continuous PPO or DQN agents, not {agent?.GetType().Name}", nameof(agent)),
        };
        AgentCatalog.Save(one, path, Field, member);
    }

    /// <summary>The member in <paramref name="path"/>: its marker and its agent.</summary>
    /// <exception cref="DataFormatException">The file is not a member of an ensemble.</exception>
    public static (string Kind, EnsembleMember Member, object Agent) Load(string path)
    {
        EnsembleMember member = Marker(path) ?? throw new DataFormatException(path, 0, Field, "missing: not one member of an ensemble (train one with mm train --members N --member I)");
        (string kind, object agent) = AgentCatalog.LoadAgent(path);
        object single = agent switch
        {
            PpoEnsemble { Members.Count: 1 } p => p.Members[0],
            DqnEnsemble { Members.Count: 1 } d => d.Members[0],
            ContinuousPpoEnsemble { Members.Count: 1 } c => c.Members[0],
            _ => throw new DataFormatException(path, 0, "members", $"a member file holds one agent, this one {AgentCatalog.MembersOf(agent)}"),
        };
        return (kind, member, single);
    }

    /// <summary>
    /// Builds the ensemble of the members in <paramref name="paths"/> (in member order, whatever the
    /// order given) and writes it to <paramref name="output"/>. Returns the agent's name and the
    /// number of members. Nothing is written unless every member of one run is there, once, finished.
    /// </summary>
    /// <exception cref="DataFormatException">A file is not a member, is of another run, or is a checkpoint of an unfinished task.</exception>
    /// <exception cref="InvalidParameterException">A member is missing or given twice.</exception>
    /// <exception cref="OutputException">The ensemble cannot be written.</exception>
    public static (string Kind, int Members) Merge(IReadOnlyList<string> paths, string output)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new InvalidParameterException("files", "give the member files to merge");
        }

        var members = new Dictionary<int, (string Path, object Agent)>();
        (string Path, string Kind, EnsembleMember Member)? first = null;
        Dictionary<string, string>? firstRun = null;
        foreach (string path in paths)
        {
            if (!File.Exists(path))
            {
                throw new DataFormatException(path, 0, "file", "not found");
            }

            (string kind, EnsembleMember member, object agent) = Load(path);
            first ??= (path, kind, member);

            // Compared by meaning: a member trained by an earlier build records its settings in an older form.
            Dictionary<string, string> run = OlderRecordForms.Current(member.Run);
            firstRun ??= run;
            OlderRecordForms.FormatFrom(run, firstRun);
            OlderRecordForms.FormatFrom(firstRun, run);
            if (kind != first.Value.Kind || member.Members != first.Value.Member.Members || RunSettings.Difference(run, firstRun) is not null)
            {
                string what = kind != first.Value.Kind ? $"a {kind} member, {first.Value.Path} a {first.Value.Kind} one"
                    : member.Members != first.Value.Member.Members ? $"one of {member.Members} members, {first.Value.Path} one of {first.Value.Member.Members}"
                    : $"{RunSettings.Difference(run, firstRun)} (in {first.Value.Path})";
                throw new DataFormatException(path, 0, Field, $"a member of another run: {what}");
            }

            if (!member.Complete)
            {
                throw new DataFormatException(path, 0, Field, string.Create(CultureInfo.InvariantCulture, $"member {member.Index} of {member.Members} is a checkpoint at {member.Steps:N0} transitions: its task did not finish; train it again and merge again"));
            }

            if (member.Index < 0 || member.Index >= member.Members)
            {
                throw new DataFormatException(path, 0, Field, $"member {member.Index} is not one of 0 … {member.Members - 1}");
            }

            if (!members.TryAdd(member.Index, (path, agent)))
            {
                throw new InvalidParameterException("files", $"member {member.Index} of {member.Members} is given twice ({members[member.Index].Path} and {path})");
            }
        }

        int count = first!.Value.Member.Members;
        int[] absent = [.. Enumerable.Range(0, count).Where(i => !members.ContainsKey(i))];
        if (absent.Length > 0)
        {
            throw new InvalidParameterException("files", $"member{(absent.Length > 1 ? "s" : string.Empty)} {string.Join(", ", absent)} of {count} missing: train {(absent.Length > 1 ? "them" : "it")} (--member I, or re-run the array task) and merge again");
        }

        object[] ordered = [.. Enumerable.Range(0, count).Select(i => members[i].Agent)];
        object ensemble = first.Value.Kind switch
        {
            "ppo" => new PpoEnsemble([.. ordered.Cast<PpoAgent>()]),
            "ppo-continuous" => new ContinuousPpoEnsemble([.. ordered.Cast<ContinuousPpoAgent>()]),
            _ => (object)new DqnEnsemble([.. ordered.Cast<DqnAgent>()]),
        };
        TrainingRecord.Save(ensemble, TrainingRecord.Of(firstRun!), output);
        return (first.Value.Kind, count);
    }

    private static EnsembleMember? Marker(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            using JsonDocument document = JsonDocument.Parse(stream);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(Field, out JsonElement marker)
                ? marker.Deserialize<EnsembleMember>(Json.Options)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DataFormatException.Unreadable(path, e);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, (e.LineNumber ?? 0) + 1, "json", "not valid JSON");
        }
    }
}
