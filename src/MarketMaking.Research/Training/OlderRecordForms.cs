using System.Text.RegularExpressions;
using MarketMaking.Core.Errors;
using MarketMaking.Data.Files;

namespace MarketMaking.Research.Training;

/// <summary>
/// Run settings (<see cref="EnsembleMember.Run"/>, or a policy's record) written by an earlier build, put in the
/// current build's form so that a resume and a merge compare them by meaning, not by spelling:
/// <list type="bullet">
/// <item>a tape's "data" of the older form "FILE OPEN–UNTIL, latency L" (the options as given) becomes the file's
/// absolute path and "open", "until", "latency" of their own in the record's spelling ("format" too when the
/// file's name says it: the older form did not record it);</item>
/// <item>a preset file recorded as given (a relative path) becomes its absolute path.</item>
/// </list>
/// A relative path resolves against the current folder, where the earlier build read it when run from here.
/// Settings already in the current form are returned unchanged.
/// </summary>
public static partial class OlderRecordForms
{
    /// <summary>The settings in the current form (a copy).</summary>
    public static Dictionary<string, string> Current(IReadOnlyDictionary<string, string> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var current = new Dictionary<string, string>(run);
        if (run.TryGetValue("preset", out string? preset) && preset != "-")
        {
            current["preset"] = TrainingRecord.PresetOf(preset);
        }

        if (run.TryGetValue("data", out string? data) && OlderTape().Match(data) is { Success: true } older)
        {
            try
            {
                string path = Path.GetFullPath(older.Groups["data"].Value);
                current["data"] = path;
                current["open"] = Clocks.Format(Clocks.Parse("open", older.Groups["open"].Value));
                current["until"] = Clocks.Format(Clocks.Parse("until", older.Groups["until"].Value));
                current["latency"] = Durations.Format(Durations.Parse("latency", older.Groups["latency"].Value, allowZero: true));
                if (!current.ContainsKey("format") && MarketDataFormats.NamedOrDetected(null, path) is { } format)
                {
                    current["format"] = format;
                }
            }
            catch (InvalidParameterException)
            {
                // Not a text the earlier build wrote (its times and latency had been parsed): left as it is, so it compares as written.
                return new Dictionary<string, string>(run);
            }
        }

        return current;
    }

    /// <summary>
    /// The tape's format of <paramref name="here"/> taken from <paramref name="there"/> where <paramref name="here"/>,
    /// of the older form, records none: a day reads in one format only, so the same data is the same format
    /// (other data differs on "data" already).
    /// </summary>
    public static void FormatFrom(Dictionary<string, string> here, IReadOnlyDictionary<string, string> there)
    {
        ArgumentNullException.ThrowIfNull(here);
        ArgumentNullException.ThrowIfNull(there);
        if (here.ContainsKey("open") && !here.ContainsKey("format") && there.TryGetValue("format", out string? format)
            && here.GetValueOrDefault("data") == there.GetValueOrDefault("data"))
        {
            here["format"] = format;
        }
    }

    /// <summary>The older build's tape: $"{--data} {--open}–{--until}, latency {--latency}".</summary>
    [GeneratedRegex(@"^(?<data>.+) (?<open>[0-9:]+)–(?<until>[0-9:]+), latency (?<latency>\S+)$")]
    private static partial Regex OlderTape();
}
