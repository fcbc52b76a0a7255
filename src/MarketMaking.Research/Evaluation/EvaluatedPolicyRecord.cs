using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Training;

namespace MarketMaking.Research.Evaluation;

/// <summary>
/// What <c>mm evaluate --policy FILE</c> checks of the environment the policy's record says it trained on
/// (<see cref="TrainingRecord"/>), compared as <see cref="Judging.JudgedAgentRecord"/> compares them. Another
/// environment is refused: its actions and observations may even fit (a tape's policy has the book's), but
/// they meant other depths and other markets. On the book another preset of another tick size is refused
/// (the policy's depths are ticks: it would quote other prices than it learned); another preset of the same
/// tick is evaluated with a note, as is a shaped training φ. A file without a record, or without a setting
/// in it, is evaluated as before.
/// </summary>
public static class EvaluatedPolicyRecord
{
    /// <summary>
    /// Checks <paramref name="path"/>'s record against <paramref name="env"/> (given, or --env's default when
    /// <paramref name="envGiven"/> is false) and, on the book, <paramref name="preset"/> (likewise), whose
    /// tick size <paramref name="tickSizeOf"/> gives (null for a preset that cannot be read, such as a
    /// market file since moved). Returns the notes to print, none when nothing differs.
    /// </summary>
    /// <exception cref="InvalidParameterException">The policy trained on another environment, or a book of another tick size (both values named).</exception>
    /// <exception cref="DataFormatException">The file cannot be read, or its record is malformed.</exception>
    public static IReadOnlyList<string> Check(string path, string env, bool envGiven, string preset, bool presetGiven, Func<string, double?> tickSizeOf)
    {
        ArgumentNullException.ThrowIfNull(tickSizeOf);
        IReadOnlyDictionary<string, string>? record = TrainingRecord.Read(path);
        if (record is null)
        {
            return [];
        }

        if (TrainingRecord.Other(record, "env", env) is { } trained)
        {
            string way = trained switch
            {
                "tape" => "a policy of a recorded day is judged on that day (mm judge --agent)",
                "lob" => $"evaluate it with --env lob{(record.TryGetValue("preset", out string? its) ? $" --preset {its}" : string.Empty)}",
                _ => $"evaluate it with --env {trained}",
            };
            throw new InvalidParameterException("env", $"{path} was trained with --env {trained}, not --env {env}{Default(envGiven)}: {way}");
        }

        var c = CultureInfo.InvariantCulture;
        var notes = new List<string>();
        if (env == "lob" && TrainingRecord.Other(record, "preset", TrainingRecord.PresetOf(preset)) is { } market)
        {
            if (tickSizeOf(market) is { } learned && tickSizeOf(preset) is { } tick && learned != tick)
            {
                throw new InvalidParameterException("preset", string.Create(c, $"{path} was trained with --preset {market} (tick {learned:G}), not --preset {preset} ({(presetGiven ? string.Empty : "the default, ")}tick {tick:G}): its depths are ticks of the market it learned (evaluate it with --preset {market})"));
            }

            notes.Add($"note: {path} was trained with --preset {market}, not --preset {preset}{Default(presetGiven)}: evaluated on another market than the one it learned");
        }

        if (TrainingRecord.ShapedPhi(record, env) is { } phi)
        {
            string own = env == "lob" ? "the book's own" : $"{env}'s own";
            notes.Add(string.Create(c, $"note: {path} was trained with --training-phi {phi}, not {own} φ {TrainingEnvironment.OwnPhi(env)}: a shaped reward, scored as every strategy is (on φ {TrainingEnvironment.OwnPhi(env)})"));
        }

        return notes;
    }

    private static string Default(bool given) => given ? string.Empty : " (the default)";
}
