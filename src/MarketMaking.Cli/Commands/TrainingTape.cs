using System.CommandLine;
using MarketMaking.Core.Errors;
using MarketMaking.Data.Files;
using MarketMaking.Research;
using MarketMaking.Research.Replay;
using MarketMaking.Research.Training;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// The recorded day <c>mm train --env tape</c> trains on: its file, format, hours and latency, each given or, on a
/// resume, taken from (and checked against) the policy file's record. <see cref="Recorded"/> is the file's absolute
/// path, as a run folder records paths, so a resume from another folder finds the same day and another day is refused.
/// </summary>
/// <param name="Data">The file as given (errors name it so), or as recorded.</param>
internal sealed record TrainingTape(string Data, string Recorded, string Format, TimeOnly Open, TimeOnly Until, TimeSpan Latency)
{
    /// <summary>
    /// The tape's settings from the options, each through <paramref name="resumed"/> (key, the option's value as the
    /// record writes it or null when not given, what a recorded "default" stands for → the value to train with).
    /// </summary>
    /// <exception cref="InvalidParameterException">A setting is missing, malformed, or not the one the resumed file records.</exception>
    public static TrainingTape Resolve(ParseResult parse, Option<string?> data, Option<string?> format, Option<string> open, Option<string> until, Option<string> latency, Func<string, string?, string?, string?> resumed)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(resumed);
        string? givenData = parse.GetValue(data);
        string? recordedData = resumed("data", givenData is null or "" ? givenData : Path.GetFullPath(givenData), null);
        string path = givenData ?? recordedData ?? throw new InvalidParameterException("data", "--env tape needs --data DAY (a recorded order-by-order day)");
        string? givenFormat = parse.GetValue(format) is { } named ? MarketDataFormats.NameOf(MarketDataFormats.Parse(named)) : null;
        string formatName = resumed("format", givenFormat, null) ?? MarketDataFormats.NamedOrDetected(null, path) ?? throw new InvalidParameterException("format", "--env tape needs --format (lobster, dbn-mbo, mmev)");
        MarketDataFormats.Parse(formatName);

        // Given options in the record's spelling (09:30, 1ms), so another spelling of the same value is the same.
        string? Given(Option<string> option, Func<string, string> canonical) => parse.GetResult(option) is { Implicit: false } ? canonical(parse.GetValue(option)!) : null;
        string Clock(Option<string> option, string key) => resumed(key, Given(option, text => Clocks.Format(Clocks.Parse(key, text))), null) ?? parse.GetValue(option)!;
        string Latency(string text) => Durations.Format(Durations.Parse("latency", text, allowZero: true));
        string latencyText = resumed("latency", Given(latency, Latency), null) ?? parse.GetValue(latency)!;
        return new TrainingTape(path, path.Length == 0 ? path : Path.GetFullPath(path), formatName, Clocks.Parse("open", Clock(open, "open")), Clocks.Parse("until", Clock(until, "until")), Durations.Parse("latency", latencyText, allowZero: true));
    }

    /// <summary>The day read into memory, windows of its morning replayed with exact queues and the latency.</summary>
    public TrainingEnvironment Environment(double? trainingPhi)
    {
        var setup = new ReplaySetup { Latency = LatencySpec.Constant(Latency) };
        return TrainingEnvironment.Tape(ReplayEvents.Load(Data, Format, new MarketDataOptions()), setup, Open, Until, trainingPhi);
    }
}
