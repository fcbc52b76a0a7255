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

        if (TrainingRecord.Other(record, "env", "tape") is { } env)
        {
            throw new InvalidParameterException("agent", $"{path} was trained with --env {env}, not on a recorded tape (--env tape): mm judge replays the day's queues, which its quotes never met");
        }

        if (TrainingRecord.Other(record, "latency", Durations.Format(latency)) is { } trained)
        {
            throw new InvalidParameterException("latency", $"{path} was trained with --latency {trained}, not --latency {Durations.Format(latency)}{(latencyGiven ? string.Empty : " (the default)")}: the agent is judged at the latency it learned (give --latency {trained})");
        }

        return TrainingRecord.ShapedPhi(record, "tape") is { } phi
            ? string.Create(CultureInfo.InvariantCulture, $"note: {path} was trained with --training-phi {phi}, not the tape's own φ {TrainingEnvironment.OwnPhi("tape")}: a shaped reward, judged as every strategy is (net and risk-adjusted PnL)")
            : null;
    }
}
