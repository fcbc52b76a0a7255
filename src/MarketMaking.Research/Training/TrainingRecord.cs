using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Runs;

namespace MarketMaking.Research.Training;

/// <summary>
/// The settings of the environment a policy trained on (the environment, the book's preset, the tape's day,
/// format, hours and latency, the training φ, exploring starts, trajectories, seed), recorded in its policy
/// file as a "trained_with" object of option → value: a resume (<c>mm train --resume</c>) that changed one
/// would train on other dynamics than the file's and say nothing. Numbers compare as numbers (0.010 is 0.01), a latency as a duration (1000us is 1ms),
/// paths as the absolute paths recorded (an older record's relative ones resolved: <see cref="OlderRecordForms"/>). A "default" training φ is the environment's own, which a resume may
/// also give by value. Files written before the record (or before a setting was in it) resume as before.
/// </summary>
public static class TrainingRecord
{
    private const string Field = "trained_with";

    /// <summary>What a setting left at the environment's own value is recorded as.</summary>
    private const string Unset = "default";

    /// <summary>The run settings recorded, in the order written (the agent's name is kept for its defaults).</summary>
    private static readonly string[] Keys = ["agent", "env", "preset", "data", "format", "open", "until", "latency", "training_phi", "exploring_starts", "envs", "seed"];

    /// <summary>The settings compared as numbers: any text of the same number is the same setting.</summary>
    private static readonly HashSet<string> Numbers = new(StringComparer.Ordinal) { "training_phi", "exploring_starts", "envs", "seed" };

    /// <summary>The recorded part of a run's settings (<see cref="EnsembleMember.Run"/>, whose "environment" is recorded as "env"); a value "-" (not this environment's) is left out.</summary>
    public static Dictionary<string, string> Of(IReadOnlyDictionary<string, string> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var record = new Dictionary<string, string>();
        foreach (string key in Keys)
        {
            if (run.TryGetValue(key == "env" ? "environment" : key, out string? value) && value != "-")
            {
                record[key] = value;
            }
        }

        return record;
    }

    /// <summary>Writes the agent's policy file with <paramref name="record"/>, atomically.</summary>
    /// <exception cref="OutputException">The file cannot be written.</exception>
    public static void Save(object agent, IReadOnlyDictionary<string, string> record, string path) => AgentCatalog.Save(agent, path, Field, record);

    /// <summary>
    /// How a book preset is recorded: a market file (one that exists, as <c>--preset</c> reads it) by its absolute path,
    /// so a resume from another folder names the same file; a preset's name as it is.
    /// </summary>
    public static string PresetOf(string nameOrPath) => File.Exists(nameOrPath) ? Path.GetFullPath(nameOrPath) : nameOrPath;

    /// <summary>
    /// The record in a policy file, in the current form (<see cref="OlderRecordForms"/>); a member trained apart
    /// (<see cref="EnsembleMemberFile"/>), which carries its run's settings instead, gives their recorded part
    /// (its settings were otherwise never checked). Null for a file written before records existed.
    /// </summary>
    /// <exception cref="DataFormatException">The file cannot be read, is not JSON, or its record is not an object of strings.</exception>
    public static IReadOnlyDictionary<string, string>? Read(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            using JsonDocument document = JsonDocument.Parse(stream);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return document.RootElement.TryGetProperty(Field, out JsonElement record) && record.Deserialize<Dictionary<string, string>>(Json.Options) is { } recorded
                ? OlderRecordForms.Current(recorded)
                : document.RootElement.TryGetProperty(EnsembleMemberFile.Field, out JsonElement marker) && marker.Deserialize<EnsembleMember>(Json.Options) is { } member
                ? Of(OlderRecordForms.Current(member.Run))
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DataFormatException.Unreadable(path, e);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, (e.LineNumber ?? 0) + 1, Field, "not valid JSON, or not an object of option → value");
        }
    }

    /// <summary>
    /// The value a resumed run takes for the setting <paramref name="key"/> (as recorded: "training_phi" for
    /// --training-phi): the recorded one when the option is not given (<paramref name="given"/> null) or gives the
    /// same, the given one when the file records none. Null when neither has one. <paramref name="unset"/> is the
    /// value a recorded "default" stands for (the environment's own φ), when it is known.
    /// </summary>
    /// <exception cref="InvalidParameterException">The option gives another value than the one recorded.</exception>
    public static string? Resume(IReadOnlyDictionary<string, string>? record, string path, string key, string? given, string? unset = null)
    {
        if (record is null || !record.TryGetValue(key, out string? recorded))
        {
            return given;
        }

        string option = OptionOf(key);
        if (given is not null && !Same(key, recorded == Unset ? unset : recorded, given))
        {
            throw new InvalidParameterException(option, $"{path} was trained with {Shown(option, recorded, unset)}, not --{option} {given}: a resume trains on the dynamics the policy learned (leave --{option} out to keep them)");
        }

        return recorded;
    }

    /// <summary>
    /// The value <paramref name="record"/> holds for <paramref name="key"/> when it is another setting than
    /// <paramref name="value"/> (numbers by value, a latency by duration, a recorded "default" as
    /// <paramref name="unset"/>); null when the record has none or the same. What every command that loads a
    /// policy compares its own setting with.
    /// </summary>
    public static string? Other(IReadOnlyDictionary<string, string>? record, string key, string value, string? unset = null) =>
        record is not null && record.TryGetValue(key, out string? recorded) && !Same(key, recorded == Unset ? unset : recorded, value) ? recorded : null;

    /// <summary>
    /// The training φ <paramref name="record"/> holds when it is not <paramref name="env"/>'s own (a shaped reward,
    /// which evaluation does not use: it scores on the environment's own φ); null when it is, or unrecorded.
    /// </summary>
    public static string? ShapedPhi(IReadOnlyDictionary<string, string>? record, string env)
    {
        string own = TrainingEnvironment.OwnPhi(env).ToString("R", CultureInfo.InvariantCulture);
        return Other(record, "training_phi", own, unset: own);
    }

    /// <summary>
    /// Checks the environment a resume trains on (<paramref name="env"/>, given or --env's default) against the
    /// one <paramref name="record"/> names. Unlike the settings of <see cref="Resume"/> it is not taken when --env
    /// is left out, since it decides which other options the run reads: the error says which to give.
    /// </summary>
    /// <exception cref="InvalidParameterException">The file was trained on another environment.</exception>
    public static void RequireEnvironment(IReadOnlyDictionary<string, string>? record, string path, string env, bool given)
    {
        if (Other(record, "env", env) is { } recorded)
        {
            throw new InvalidParameterException("env", $"{path} was trained with --env {recorded}, not --env {env}{(given ? string.Empty : " (the default)")}: resume it with --env {recorded}");
        }
    }

    /// <summary>
    /// One line naming the settings a resume took from <paramref name="record"/> because their options were
    /// not given, where they differ from the option's default (<paramref name="defaults"/>, by key; a recorded
    /// "default" is one); null when none do.
    /// </summary>
    public static string? Taken(IReadOnlyDictionary<string, string>? record, string path, IReadOnlyCollection<string> given, IReadOnlyDictionary<string, string> defaults)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(defaults);
        if (record is null)
        {
            return null;
        }

        string[] taken = [.. Keys.Where(k => k != "agent" && record.TryGetValue(k, out string? value) && value != Unset && !given.Contains(k) && !Same(k, defaults.GetValueOrDefault(k), value)).Select(k => Shown(OptionOf(k), record[k], null))];
        return taken.Length == 0 ? null : $"training on the settings recorded in {path}: {string.Join(", ", taken)}";
    }

    /// <summary>A value <see cref="Resume"/> gave, read as a number; null when none is, or "default" (unset: the environment's own).</summary>
    /// <exception cref="DataFormatException">The value recorded in <paramref name="path"/> is not a number of that kind.</exception>
    public static T? Value<T>(string path, string key, string? value)
        where T : struct, IParsable<T> => value is null or Unset ? null
        : T.TryParse(value, CultureInfo.InvariantCulture, out T parsed) ? parsed
        : throw new DataFormatException(path, 0, $"{Field}.{key}", $"'{value}' is not a number of this setting");

    private static string OptionOf(string key) => key.Replace('_', '-');

    /// <summary>
    /// Numbers by value (whole numbers exactly, as a seed's 20 digits are not a double's), a latency by duration
    /// (1000us is 1ms), the rest as text; a value unknown is no other's.
    /// </summary>
    private static bool Same(string key, string? recorded, string given)
    {
        var c = CultureInfo.InvariantCulture;
        return recorded is not null && (recorded == given || (Numbers.Contains(key)
            && (ulong.TryParse(recorded, NumberStyles.None, c, out ulong x) && ulong.TryParse(given, NumberStyles.None, c, out ulong y) ? x == y
                : double.TryParse(recorded, NumberStyles.Float, c, out double a) && double.TryParse(given, NumberStyles.Float, c, out double b) && a == b))
            || (key == "latency" && Latency(recorded) is { } l && l == Latency(given)));
    }

    /// <summary>A recorded or given latency; null for a text that is no duration (no latency of anyone's).</summary>
    private static TimeSpan? Latency(string text)
    {
        try
        {
            return Durations.Parse("latency", text, allowZero: true);
        }
        catch (InvalidParameterException)
        {
            return null;
        }
    }

    private static string Shown(string option, string value, string? unset) => value != Unset ? $"--{option} {value}"
        : unset is null ? $"no --{option}" : $"no --{option} (the environment's own, {unset})";
}
