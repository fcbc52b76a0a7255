using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Cluster;
using MarketMaking.Research.Runs;

namespace MarketMaking.Research.Sweeps;

/// <summary>
/// What one shard of a sweep was asked to run, written beside its results file (same name, .json)
/// before any point runs: the shard's index and count, the whole sweep's identity (its points and
/// the settings that score them) and the keys of this shard's points. Merging reads it to refuse
/// shards of different sweeps, a shard given twice, a missing shard, or one whose task stopped
/// before its last point.
/// </summary>
public sealed record SweepShard
{
    /// <summary>The shard's index, from 0.</summary>
    public required int Index { get; init; }

    /// <summary>The number of shards.</summary>
    public required int Count { get; init; }

    /// <summary>Points in the whole sweep.</summary>
    public required int Points { get; init; }

    /// <summary>A digest of the whole sweep's point keys: equal for every shard of one sweep.</summary>
    public required string Sweep { get; init; }

    /// <summary>The settings every point is run with (option → value, as given), equal for every shard of one sweep.</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>The keys of this shard's points.</summary>
    public required IReadOnlyList<string> Keys { get; init; }

    /// <summary>The shard <paramref name="task"/> of the sweep over <paramref name="points"/> run with <paramref name="settings"/>.</summary>
    public static SweepShard For(ArrayTask task, IReadOnlyList<SweepPoint> points, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(settings);
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', points.Select(p => p.Key))));
        return new SweepShard
        {
            Index = task.Index,
            Count = task.Count,
            Points = points.Count,
            Sweep = Convert.ToHexStringLower(digest.AsSpan(0, 8)),
            Settings = new SortedDictionary<string, string>(settings.ToDictionary(), StringComparer.Ordinal),
            Keys = [.. points.Where(p => p.Index % task.Count == task.Index).Select(p => p.Key)],
        };
    }

    /// <summary>The results file of shard <paramref name="task"/> of the sweep whose whole results go to <paramref name="results"/>: NAME.shard-I-of-N.csv beside it.</summary>
    public static string ResultsPath(string results, ArrayTask task)
    {
        ArgumentNullException.ThrowIfNull(results);
        string name = Path.GetFileNameWithoutExtension(results);
        return Path.Combine(Path.GetDirectoryName(results) ?? string.Empty, string.Create(CultureInfo.InvariantCulture, $"{name}.shard-{task.Index}-of-{task.Count}{Path.GetExtension(results)}"));
    }

    /// <summary>Where the shard of the results file <paramref name="results"/> is described.</summary>
    public static string ManifestPath(string results) => Path.ChangeExtension(results, ".json");

    /// <summary>Writes this description beside <paramref name="results"/>.</summary>
    /// <exception cref="OutputException">It cannot be written.</exception>
    public void Write(string results) => OutputFiles.WriteAtomically(ManifestPath(results), w => w.Write(Json.Serialize(this)));

    /// <summary>The shard described beside <paramref name="results"/>; null when there is no description (a sweep run whole).</summary>
    /// <exception cref="DataFormatException">The description is not one.</exception>
    public static SweepShard? Read(string results)
    {
        string path = ManifestPath(results);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SweepShard>(File.ReadAllText(path), Json.Options) ?? throw new DataFormatException(path, 1, "json", "empty");
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, (e.LineNumber ?? 0) + 1, "json", $"not a shard description: {e.Message.Split(" Path:", 2)[0]}");
        }
    }

    /// <summary>
    /// Checks that <paramref name="files"/> (each results file with its description and the keys it
    /// holds) are every shard of one sweep, each once and each complete. Files without a description
    /// are accepted only when none has one (sweeps run whole, joined as before).
    /// </summary>
    /// <exception cref="DataFormatException">A file is of another sweep, or its shard is incomplete.</exception>
    /// <exception cref="InvalidParameterException">A shard is missing or given twice.</exception>
    public static void CheckMerge(IReadOnlyList<(string Path, SweepShard? Shard, IReadOnlySet<string> Keys)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.All(f => f.Shard is null))
        {
            return;
        }

        (string firstPath, SweepShard? reference, _) = files.First(f => f.Shard is not null);
        var given = new Dictionary<int, string>();
        foreach ((string path, SweepShard? shard, IReadOnlySet<string> keys) in files)
        {
            if (shard is null)
            {
                throw new DataFormatException(path, 0, "shard", $"no shard description ({ManifestPath(path)}) beside it, unlike {firstPath}: it is not a shard of that sweep");
            }

            if (shard.Count != reference!.Count || shard.Points != reference.Points || shard.Sweep != reference.Sweep)
            {
                throw new DataFormatException(path, 0, "shard", $"a shard of another sweep than {firstPath} ({shard.Points} points in {shard.Count} shards here, {reference.Points} in {reference.Count} there{(shard.Sweep != reference.Sweep ? ", and other points" : string.Empty)})");
            }

            if (RunSettings.Difference(shard.Settings, reference.Settings) is { } setting)
            {
                throw new DataFormatException(path, 0, "shard", $"run with other settings than {firstPath}: {setting}");
            }

            if (!given.TryAdd(shard.Index, path))
            {
                throw new InvalidParameterException("files", $"shard {shard.Index} of {shard.Count} is given twice ({given[shard.Index]} and {path})");
            }

            string[] missing = [.. shard.Keys.Where(k => !keys.Contains(k))];
            if (missing.Length > 0)
            {
                throw new DataFormatException(path, 0, "shard", $"shard {shard.Index} of {shard.Count} holds {shard.Keys.Count - missing.Length} of its {shard.Keys.Count} points (missing {string.Join(", ", missing.Take(3))}{(missing.Length > 3 ? ", …" : string.Empty)}): its task did not finish; run it again (it resumes) and merge again");
            }
        }

        int[] absent = [.. Enumerable.Range(0, reference!.Count).Where(i => !given.ContainsKey(i))];
        if (absent.Length > 0)
        {
            throw new InvalidParameterException("files", $"shard{(absent.Length > 1 ? "s" : string.Empty)} {string.Join(", ", absent)} of {reference.Count} missing: give every shard's results file (run the missing array task{(absent.Length > 1 ? "s" : string.Empty)} first)");
        }
    }
}
