using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Training;

namespace MarketMaking.Research.Judging;

/// <summary>
/// What <c>mm judge --agent FILE</c> checks of the environment the policy's record says it trained on
/// (<see cref="TrainingRecord"/>). Other data, format or hours are the point of judging (out of sample: the
/// afternoon after the morning, another day) and pass. The dynamics must be those the agent learned: the
/// recorded tape (not the book or a model market, whose quotes fill by other rules) and the latency its
/// orders waited. A training φ other than the tape's own is reward shaping (evaluation keeps φ = 0.01, as on
/// the book), so judging it is meaningful: it is said, not refused. A file without a record, or without a
/// setting in it, is judged as before.
/// </summary>
public static class JudgedAgentRecord
{
    /// <summary>
    /// Checks <paramref name="path"/>'s record against the judge's <paramref name="latency"/> (given, or the
    /// option's default when <paramref name="latencyGiven"/> is false). Returns a one-line note, or null.
    /// </summary>
    /// <exception cref="InvalidParameterException">The policy trained on another environment or latency (both values named).</exception>
    /// <exception cref="DataFormatException">The file cannot be read, or its record is malformed.</exception>
    /// <remarks>
    /// <paramref name="day"/> and <paramref name="split"/>: the day judged and the start of its judged
    /// afternoon. A policy trained on that day's tape past the split has seen the hours it would be judged
    /// on: refused, as no out-of-sample test (its --until defaults to 12:00, the judge's split).
    /// </remarks>
    public static string? Check(string path, TimeSpan latency, bool latencyGiven, string day, TimeOnly split)
    {
        IReadOnlyDictionary<string, string>? record = TrainingRecord.Read(path);
        if (record is null)
        {
            return null;
        }

        if (record.TryGetValue("data", out string? data) && data == Path.GetFullPath(day)
            && record.TryGetValue("until", out string? until) && Clocks.Parse("until", until) > split)
        {
            throw new InvalidParameterException("agent", $"{path} was trained on this day's tape until {until}, past the judged afternoon's start {Clocks.Format(split)}: judging it there is no out-of-sample test (give --split {until} or later, or train with --until {Clocks.Format(split)})");
        }

        if (record.TryGetValue("env", out string? env) && env != "tape")
        {
            throw new InvalidParameterException("agent", $"{path} was trained with --env {env}, not on a recorded tape (--env tape): mm judge replays the day's queues, which its quotes never met");
        }

        if (record.TryGetValue("latency", out string? trained) && !IsLatency(trained, latency))
        {
            throw new InvalidParameterException("latency", $"{path} was trained with --latency {trained}, not --latency {Durations.Format(latency)}{(latencyGiven ? string.Empty : " (the default)")}: the agent is judged at the latency it learned (give --latency {trained})");
        }

        var c = CultureInfo.InvariantCulture;
        double own = TrainingEnvironment.OwnPhi("tape");
        return record.TryGetValue("training_phi", out string? phi) && double.TryParse(phi, NumberStyles.Float, c, out double shaped) && shaped != own
            ? string.Create(c, $"note: {path} was trained with --training-phi {phi}, not the tape's own φ {own}: a shaped reward, judged as every strategy is (net and risk-adjusted PnL)")
            : null;
    }

    /// <summary>By value (1000us is 1ms); a recorded text that is no duration is no latency of the judge's.</summary>
    private static bool IsLatency(string recorded, TimeSpan latency)
    {
        try
        {
            return Durations.Parse("latency", recorded, allowZero: true) == latency;
        }
        catch (InvalidParameterException)
        {
            return false;
        }
    }
}
