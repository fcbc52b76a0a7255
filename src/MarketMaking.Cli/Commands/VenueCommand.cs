using System.CommandLine;
using System.Text.Json;
using MarketMaking.Cli.Configuration;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Randomness;
using MarketMaking.Data.Files;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Venue;
using MarketMaking.Venue.Faults;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm venue</c>: a local exchange speaking Bybit V5 (REST, public and private streams, signing,
/// rate limits, faults) over the agent-based market or a recording. Prints its URL, the test API
/// key and its secret, one per line, then serves until Ctrl-C or SIGTERM (or <c>--duration</c>).
/// </summary>
internal static class VenueCommand
{
    public static Command Create(Terminal terminal)
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 0 };
        var market = new Option<string>("--market") { Description = "abm (the agent-based market) or replay (a recording)", DefaultValueFactory = _ => "abm" };
        var preset = new Option<string>("--preset") { Description = $"agent-based market: {string.Join(", ", AgentMarketPresets.Names)} or a market .yaml file", DefaultValueFactory = _ => "liquid" };
        var data = new Option<string[]>("--data") { Description = "replay: the recording (formats as mm backtest); repeat it to serve several recordings that share a clock, one instrument each" };
        var format = new Option<string[]>("--format") { Description = $"replay: one for every file or one per --data (repeated or comma-separated): {string.Join(", ", MarketDataFormats.Names.Where(n => !MarketDataFormats.IsBars(MarketDataFormats.Parse(n))))}" };
        var queueModel = new Option<string>("--queue-model") { Description = $"replay: where the clients' orders sit in the recorded queues: {string.Join(", ", QueueModels.Names)}", DefaultValueFactory = _ => "risk-averse" };
        var queuePower = new Option<double>("--queue-power") { Description = "replay: exponent n of the power queue model", DefaultValueFactory = _ => 2 };
        var speed = new Option<double?>("--speed") { Description = "market seconds per wall-clock second (default 10 for abm, 1 for replay)" };
        var symbol = new Option<string[]>("--symbol") { Description = "the linear perpetual listed (default SIMUSDT; replay: the recording's when it is a USDT symbol); repeat it to list several, each its own agent-based book (replay: one per --data)" };
        var correlation = new Option<double?>("--correlation") { Description = "abm with several symbols: correlation of the books' fundamental increments (default 0: independent)" };
        var seed = new Option<ulong>("--seed") { Description = "seed of the market, the account's key and secret, ids and faults", DefaultValueFactory = _ => 1 };
        var faults = new Option<string?>("--faults") { Description = "YAML file of faults to inject (see configs/examples/venue-faults.yaml)" };
        var faultLog = new Option<string?>("--fault-log") { Description = "file for one JSON line per fault injected (default: standard output, after the three lines)" };
        var balance = new Option<decimal>("--balance") { Description = "the test account's starting USDT", DefaultValueFactory = _ => 100_000m };
        var makerFee = new Option<decimal>("--maker-fee") { Description = "maker fee rate, fraction of notional (negative: rebate)", DefaultValueFactory = _ => 0.0002m };
        var takerFee = new Option<decimal>("--taker-fee") { Description = "taker fee rate", DefaultValueFactory = _ => 0.00055m };
        var rateLimitScale = new Option<double>("--rate-limit-scale") { Description = "multiplies Bybit's per-endpoint rate limits (0: none)", DefaultValueFactory = _ => 1 };
        var duration = new Option<string?>("--duration") { Description = "stop after this long (90s, 10m, 2h); default: until Ctrl-C or SIGTERM" };
        var credentials = new Option<string?>("--credentials") { Description = "also write the test account's key and secret to this file (readable by its owner only), the file mm trade --credentials reads" };
        var json = new Option<bool>("--json") { Description = "print the URL, key and secret as one JSON line ({\"url\",\"api_key\",\"api_secret\"}) instead of three lines; the fault log and the totals at exit are JSON lines too" };
        var command = new Command("venue", "Run a local Bybit-compatible exchange over the agent-based market or a recording.")
        {
            port, market, preset, data, format, queueModel, queuePower, speed, symbol, correlation, seed, faults, faultLog, balance, makerFee, takerFee, rateLimitScale, duration, credentials, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string kind = parse.GetValue(market)!;
            ulong seedValue = parse.GetValue(seed);
            TimeSpan? stopAfter = parse.GetValue(duration) is { } text
                ? FaultFile.ParseTime(text) is { } time && time > TimeSpan.Zero ? time : throw new InvalidParameterException("duration", $"'{text}' is not a duration; use e.g. 90s, 10m or 2h")
                : null;
            FaultPlan plan = parse.GetValue(faults) is { } faultsFile ? FaultFile.Load(faultsFile) : FaultPlan.None;
            string[] symbols = parse.GetValue(symbol) ?? [];
            double? rho = parse.GetValue(correlation);
            string[] paths = parse.GetValue(data) ?? [];
            if (kind == "replay" && paths.Length > 0 && symbols.Length > 0 && symbols.Length != paths.Length)
            {
                throw new InvalidParameterException("symbol", $"a replay lists one symbol per --data: {paths.Length} --data, {symbols.Length} --symbol");
            }

            // An option of the other market is refused, not ignored (--market abm --data FILE served the agents).
            Option[] otherMarkets = kind switch { "abm" => [data, format, queueModel, queuePower], "replay" => [preset], _ => [] };
            if (otherMarkets.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } unread)
            {
                throw new InvalidParameterException(unread.Name.TrimStart('-'), $"--market {kind} does not read {unread.Name}: {(kind == "abm" ? "a recording is served by --market replay" : "the recording is the market; --preset is for --market abm")}");
            }

            if (rho is not null && (kind != "abm" || symbols.Length < 2))
            {
                throw new InvalidParameterException("correlation", "applies to --market abm with two or more --symbol");
            }

            List<(string Symbol, IVenueMarket Market)> instruments = kind switch
            {
                "abm" when symbols.Length > 1 => AgentBooks(symbols, AgentMarketPresets.Load(parse.GetValue(preset)!), rho ?? 0, seedValue),
                "abm" => [(symbols.FirstOrDefault() ?? "SIMUSDT", new AgentVenueMarket(AgentMarketPresets.Load(parse.GetValue(preset)!), seedValue))],
                "replay" => Replay(paths, parse.GetValue(format) ?? [], () => QueueModels.Create(parse.GetValue(queueModel)!, parse.GetValue(queuePower)), symbols),
                _ => throw new InvalidParameterException("market", $"unknown market '{kind}'; known: abm, replay"),
            };
            var settings = new VenueSettings
            {
                Port = parse.GetValue(port),
                Speed = parse.GetValue(speed) ?? (kind == "replay" ? 1 : 10),
                Symbol = instruments[0].Symbol,
                Seed = seedValue,
                InitialBalance = parse.GetValue(balance),
                MakerFeeRate = parse.GetValue(makerFee),
                TakerFeeRate = parse.GetValue(takerFee),
                RateLimits = new VenueRateLimits { Scale = parse.GetValue(rateLimitScale) },
                Faults = plan,
            };

            TextWriter log = terminal.Writer;
            StreamWriter? file = null;
            if (parse.GetValue(faultLog) is { } logPath)
            {
                try
                {
                    file = new StreamWriter(logPath, append: true) { AutoFlush = true };
                }
                catch (DirectoryNotFoundException)
                {
                    // The user's path, not the machine, is at fault: exit 2 before the venue listens.
                    throw new InvalidParameterException("fault-log", $"the folder of {logPath} does not exist");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new OutputException(logPath, e.Message);
                }

                log = file;
            }

            try
            {
                await using LocalVenue venue = await LocalVenue.StartAsync(instruments, settings, TextWriter.Synchronized(log), cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(credentials) is { } credentialsPath)
                {
                    venue.WriteCredentials(credentialsPath);
                }

                if (parse.GetValue(json))
                {
                    terminal.Writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = venue.Url.ToString(), ["api_key"] = venue.ApiKey, ["api_secret"] = venue.ApiSecret }));
                }
                else
                {
                    terminal.Writer.WriteLine(venue.Url);
                    terminal.Writer.WriteLine(venue.ApiKey);
                    terminal.Writer.WriteLine(venue.ApiSecret);
                }

                terminal.Writer.Flush();
                try
                {
                    await Task.Delay(stopAfter ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C or SIGTERM: a clean stop.
                }

                await venue.StopAsync().ConfigureAwait(false);
                log.WriteLine(venue.Faults.Totals());
                log.Flush();
                return 0;
            }
            finally
            {
                file?.Dispose();
            }
        });
        return command;
    }

    /// <summary>One agent-based book per symbol, the first on the seed itself (as with one symbol), fundamentals correlated by <paramref name="correlation"/>.</summary>
    private static List<(string Symbol, IVenueMarket Market)> AgentBooks(string[] symbols, AgentMarketParameters parameters, double correlation, ulong seed)
    {
        var fundamentals = new CorrelatedFundamentals(symbols.Length, correlation, SplitMix64.StreamKey(seed, 1_000));
        return [.. symbols.Select((s, i) => (s, (IVenueMarket)new AgentVenueMarket(parameters, i == 0 ? seed : SplitMix64.StreamKey(seed, 1_000 + i), fundamentals, i)))];
    }

    /// <summary>
    /// The replay markets and their symbols: one recording, or several that share a clock merged by
    /// receive time, each its own instrument. A symbol is the one given, else the recording's when it
    /// is a USDT symbol, else SIMUSDT; two recordings listed under one symbol are refused.
    /// </summary>
    private static List<(string Symbol, IVenueMarket Market)> Replay(string[] paths, string[] formats, Func<IQueueModel> queue, string[] symbols)
    {
        if (paths.Length == 0)
        {
            throw new InvalidParameterException("data", "--market replay needs --data FILE (and --format F)");
        }

        _ = queue(); // a bad queue model is named before the files are read
        string[] formatNames = BacktestCommand.Formats(formats, paths, isBars: false);
        foreach (string path in paths)
        {
            if (!File.Exists(path))
            {
                throw new InvalidParameterException("data", $"file not found: {path}");
            }
        }

        var readers = new List<MarketDataReader>(paths.Length);
        try
        {
            foreach ((string path, string formatName) in paths.Zip(formatNames))
            {
                readers.Add(MarketDataFormats.Open(path, formatName));
            }

            string[] listed = [.. readers.Select((r, i) => symbols.Length > 0 ? symbols[i] : Listed(r.Instrument))];
            for (int i = 1; i < listed.Length; i++)
            {
                if (Array.IndexOf(listed, listed[i]) is var first && first < i)
                {
                    throw new InvalidParameterException("symbol", $"{paths[first]} and {paths[i]} would both be listed as {listed[i]}: name each recording's symbol with --symbol, one per --data");
                }
            }

            if (readers.Count == 1)
            {
                (MarketEvent[] events, Instrument instrument) = ReplayVenueMarket.Read(readers[0]);
                RequireEvents(paths[0], events.Length);
                return [(listed[0], new ReplayVenueMarket(events, instrument, queue()))];
            }

            using var merged = new MergedMarketEvents([.. readers]);
            readers.Clear(); // the merge owns them now
            (MarketEvent[] all, int[] sources, IReadOnlyList<Instrument> instruments) = ReplayVenueMarket.Read(merged);
            for (int i = 0; i < paths.Length; i++)
            {
                RequireEvents(paths[i], sources.Count(s => s == i));
            }

            return [.. ReplayVenueMarket.Several(all, sources, instruments, queue).Select((m, i) => (listed[i], (IVenueMarket)m))];
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }

    /// <summary>A recording's symbol when the venue can list it (a USDT symbol), else SIMUSDT.</summary>
    private static string Listed(Instrument instrument) =>
        instrument.Symbol.EndsWith("USDT", StringComparison.Ordinal) && instrument.Symbol.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)) ? instrument.Symbol : "SIMUSDT";

    private static void RequireEvents(string path, int count)
    {
        if (count == 0)
        {
            throw new InvalidParameterException("data", $"{path} holds no market events");
        }
    }
}
