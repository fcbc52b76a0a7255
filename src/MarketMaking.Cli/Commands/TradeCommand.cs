using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Dashboard;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Data.Bybit;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Quoting;
using MarketMaking.Research.Reports;
using MarketMaking.Research;
using MarketMaking.Signals.Calibration;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;
using MarketMaking.Trading.Bybit;
using MarketMaking.Trading.Paper;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm trade</c>: runs a strategy on a venue — Bybit mainnet, demo, testnet or a local venue,
/// live or on paper — through the same strategy, order manager and risk gate as <c>mm backtest</c>.
/// Everything goes to a SQLite journal; the end writes a run folder like a backtest's, one per session
/// (<see cref="TradeRunFolder"/>). SIGINT or SIGTERM cancels every order, waits for the confirmations,
/// writes the final state and exits 0; a kill switch exits <see cref="KillSwitchExitCode"/>, so a
/// script tells it from a normal end.
/// </summary>
internal static class TradeCommand
{
    /// <summary>The exit code of a session the kill switch ended (1 is a failure, 2 a usage error, 130 a cancelled command).</summary>
    public const int KillSwitchExitCode = 3;

    public static Command Create(Terminal terminal)
    {
        var venue = new Option<string>("--venue") { Description = $"where to trade: {string.Join(", ", BybitEnvironment.Names)}", Required = true };
        var endpoint = new Option<string?>("--endpoint") { Description = "the local venue's URL (http://127.0.0.1:PORT)" };
        var symbol = new Option<string[]>("--symbol") { Description = "linear contract to trade (BTCUSDT); repeat it to trade several at once, one engine each under the portfolio limits", Required = true };
        var paper = new Option<bool>("--paper") { Description = "paper trading: the venue's live data, our orders simulated with the replay's queue and latency models; no API key" };
        var duration = new Option<string?>("--duration") { Description = "how long to trade (10m, 1h); default: until SIGINT or SIGTERM" };
        var journal = new Option<string>("--journal") { Description = "the session's SQLite journal; reusing it resumes the session", DefaultValueFactory = _ => Path.Combine("runs", "trade", "journal.db") };
        var output = new Option<string?>("--out") { Description = "run folder for the report (default: the journal's folder)" };
        var noSave = new Option<bool>("--no-save") { Description = "do not write a run folder" };
        var credentials = new Option<string?>("--credentials") { Description = "file with the API key and secret (readable by its owner only); default: BYBIT_API_KEY and BYBIT_API_SECRET" };
        var adoptOrders = new Option<bool>("--adopt-orders") { Description = "take over orders found on the venue instead of cancelling them" };
        var adoptPosition = new Option<bool>("--adopt-position") { Description = "start from the venue's position when it differs from the journal's" };
        var flattenOnKill = new Option<bool>("--flatten-on-kill") { Description = "on a kill, close the position with a reduce-only market order" };
        var keepCoreAwake = new Option<bool>("--keep-core-awake") { Description = "keep the processors this process may use out of their idle state (threads at Linux's idle priority, which anything else preempts): a woken processor adds tens of µs to tick-to-order; for processors given to the engine alone (taskset)" };
        var json = new Option<bool>("--json") { Description = "print the end-of-session figures as JSON" };
        var orderEntry = new Option<string>("--order-entry") { Description = "how orders reach the venue: rest, or ws (Bybit's WebSocket order entry; create, amend and cancel; not on bybit-demo)", DefaultValueFactory = _ => "rest" };
        var dashboard = new Option<string?>("--dashboard") { Description = "serve the live dashboard and /metrics on HOST:PORT (127.0.0.1:8080; another host than localhost is reachable from other machines)" };
        var sigma = new Option<double?>("--sigma") { Description = "σ per √s in price units (model strategies; default 2)" };
        var a = new Option<double?>("--A") { Description = "fill intensity A per second (default 140)" };
        var kappa = new Option<double?>("--kappa") { Description = "fill decay κ per price unit (default 1.5)" };
        var calibrate = new Option<string?>("--calibrate") { Description = "watch the live market this long before quoting and calibrate σ, A, κ on it, as a backtest's first --calibrate (default: 60s for a strategy quoting from σ, A or κ not given, else none)" };
        var horizon = new Option<double>("--horizon") { Description = "T − t the finite-horizon models quote with (s)", DefaultValueFactory = _ => 60 };
        var strategies = new StrategyOptions("as");
        var mechanics = new QuotingMechanicsOptions();
        var risk = new TradeRiskOptions();
        var paperOptions = new PaperOptions();
        var portfolio = new PortfolioRiskOptions();
        var guards = new GuardOptions();
        var command = new Command("trade", "Trade a strategy on a venue (Bybit V5 or a local venue; live or --paper), with a journal, reconciliation and runtime risk.")
        {
            venue, endpoint, symbol, paper, duration, journal, output, noSave, credentials, adoptOrders, adoptPosition, flattenOnKill, keepCoreAwake, json, orderEntry, dashboard, sigma, a, kappa, calibrate, horizon,
        };
        strategies.AddTo(command);
        mechanics.AddTo(command);
        risk.AddTo(command);
        paperOptions.AddTo(command);
        portfolio.AddTo(command);
        guards.AddTo(command, trains: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Every option is checked before anything connects.
            IReadOnlyList<StrategyChoice> chosen = strategies.Strategies(parse) is [_] single ? single : throw new InvalidParameterException("strategy", "mm trade runs one strategy at a time");
            (string label, string name, bool guarded) = chosen[0];
            strategies.RefuseUpdateFrequency(parse, "a trading session");
            strategies.RefuseUnreadBy(parse, chosen, []); // decides at each book update: --update-freq is refused above
            guards.RefuseUnread(parse, guarded);

            // The guard's detector is trained beforehand (mm train detector): a session has no earlier fills to train on.
            GuardSetup? guard = guarded ? guards.Setup(parse) : null;
            AdverseSelectionDetector? detector = guard is null ? null : AdverseSelectionDetector.Load(guard.ModelPath ?? throw new InvalidParameterException("guard-model", "a guarded strategy in mm trade needs a detector: train one with 'mm train detector' and pass --guard-model"));

            if (parse.GetValue(paper) && parse.GetValue(credentials) is not null)
            {
                throw new InvalidParameterException("credentials", "--paper needs no API key: leave --credentials out");
            }

            string? endpointText = parse.GetValue(endpoint);
            Uri? endpointUrl = endpointText is null ? null : Uri.TryCreate(endpointText, UriKind.Absolute, out Uri? url) ? url : throw new InvalidParameterException("endpoint", $"'{endpointText}' is not a URL");
            BybitEnvironment environment = BybitEnvironment.Parse(parse.GetValue(venue)!, endpointUrl);
            BybitOrderEntry entry = parse.GetValue(orderEntry) switch
            {
                "rest" => BybitOrderEntry.Rest,
                "ws" when parse.GetValue(paper) => throw new InvalidParameterException("order-entry", "--paper simulates orders locally: there is no order entry to choose"),
                "ws" when environment.TradeStream is null => throw new InvalidParameterException("order-entry", $"{environment.Name} has no WebSocket order entry (Bybit's demo trading does not offer it): use --order-entry rest"),
                "ws" => BybitOrderEntry.WebSocket,
                var other => throw new InvalidParameterException("order-entry", $"'{other}' is not rest or ws"),
            };
            string journalPath = parse.GetValue(journal)!;
            ListenAddress? listen = parse.GetValue(dashboard) is { } listenText ? ListenAddress.Parse(listenText) : null;
            TimeSpan? length = parse.GetValue(duration) is { } text ? Durations.Parse("duration", text) : null;
            var run = new RunSettings { Risk = risk.Limits(parse), Metrics = BacktestMetrics.ForRecordedData(double.PositiveInfinity) };
            string[] symbols = parse.GetValue(symbol)!;
            if (symbols.Distinct(StringComparer.Ordinal).Count() != symbols.Length)
            {
                throw new InvalidParameterException("symbol", $"a symbol is named twice: {string.Join(", ", symbols)}");
            }

            if (symbols.Length == 1 && portfolio.Given(parse))
            {
                throw new InvalidParameterException("max-exposure", "the portfolio limits (--max-exposure, --max-net-exposure, --max-gross-notional) need several --symbol");
            }

            TimeSpan calibration = CalibrationWindow(parse.GetValue(calibrate), name, parse.GetValue(sigma), parse.GetValue(a), parse.GetValue(kappa));
            var settings = risk.Apply(parse, new SessionSettings
            {
                CalibrationWindow = calibration,
                Symbol = symbols[0],
                StrategyName = label,
                JournalPath = journalPath,
                Duration = length,
                Run = run,
                AdoptOrders = parse.GetValue(adoptOrders),
                AdoptPosition = parse.GetValue(adoptPosition),
                FlattenOnKill = parse.GetValue(flattenOnKill),
                KeepCoreAwake = parse.GetValue(keepCoreAwake),
            }).Validate();
            TradeRunFolder? runFolder = parse.GetValue(noSave) ? null : new TradeRunFolder(parse, parse.GetValue(output), journalPath, environment, parse.GetValue(paper), label, name);
            // σ, A, κ as given, else calibrated on the live market, else the model market's defaults.
            StrategySettings Baseline(CalibrationResult? fitted) => new()
            {
                Sigma = parse.GetValue(sigma) ?? fitted?.Sigma.Value ?? 2,
                A = parse.GetValue(a) ?? fitted?.A.Value ?? 140,
                Kappa = parse.GetValue(kappa) ?? fitted?.Kappa.Value ?? 1.5,
                Horizon = parse.GetValue(horizon),
            };

            // One order is one lot unless --order-size says otherwise, as in backtests.
            StrategySettings Resolved(Instrument instrument, CalibrationResult? fitted = null) => strategies.Resolve(parse, Baseline(fitted) with { OrderQuantity = instrument.LotSize });
            IQuotingStrategy Build(Instrument instrument, StrategySettings resolved)
            {
                IQuotingStrategy strategy = strategies.Factory(parse).Create(name, resolved, instrument.TickSize);
                strategy = guard is null ? strategy : guard.Wrap(strategy, detector, instrument.TickSize);
                return mechanics.Mechanics(parse).Wrap(strategy, instrument.TickSize, resolved.OrderQuantity);
            }

            // The venue's lot size is known once connected. A size below it snaps to no quote at all:
            // the session would run and quote nothing, silently.
            IQuotingStrategy Strategy(Instrument instrument, CalibrationResult? fitted)
            {
                StrategySettings resolved = Resolved(instrument, fitted);
                double size = resolved.OrderQuantity;
                if (instrument.SnapQuantity(size) <= 0)
                {
                    throw new InvalidParameterException("order-size", string.Create(CultureInfo.InvariantCulture, $"{size} is less than {instrument.Symbol}'s lot size {instrument.LotSize}: an order is at least one lot"));
                }

                if (fitted is not null && !parse.GetValue(json))
                {
                    terminal.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calibration ({instrument.Symbol}): first {calibration.TotalSeconds:G} s: {fitted.Describe(parse.GetValue(sigma), parse.GetValue(a), parse.GetValue(kappa))}; quoting"));
                }

                runFolder?.Resolved(instrument.Symbol, resolved);
                return Build(instrument, resolved);
            }

            var probe = new Instrument(settings.Symbol, 0.1, 0.001);
            _ = Build(probe, Resolved(probe));
            _ = mechanics.Mechanics(parse).Apply(run, 0.1);
            settings = settings with { RunFor = instrument => mechanics.Mechanics(parse).Apply(run, instrument.TickSize) };
            IVenue Target() => parse.GetValue(paper)
                ? new PaperVenue(new BybitPublicData(environment.Name, environment.RestBaseUrl, environment.PublicStreamBaseUrl), paperOptions.Settings(parse))
                : new BybitVenue(environment, Credentials(parse.GetValue(credentials)), risk.RequestTimeout(parse), orderEntry: entry);
            // Said before trading starts: the runtime reads the setting only at its own start.
            if (SingleProcessorTiering.Advice(Environment.ProcessorCount, Environment.GetEnvironmentVariable, AppContext.GetData) is { } advice)
            {
                terminal.Error.WriteLine(advice);
            }

            if (symbols.Length > 1)
            {
                return await PortfolioTrade.RunAsync(terminal, symbols, settings, portfolio.Limits(parse, symbols.Length), Target, Strategy, label, parse.GetValue(json), runFolder, listen, cancellationToken).ConfigureAwait(false);
            }

            await using IVenue target = Target();
            var session = new TradingSession(target, settings, Strategy);

            // SIGTERM and SIGINT end the session cleanly (cancel, confirm, write), never abruptly.
            using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; session.RequestStop(); });
            using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; session.RequestStop(); });
            if (!parse.GetValue(json))
            {
                string calibrating = calibration > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $"; calibrating σ, A, κ on the first {calibration.TotalSeconds:G} s before quoting") : "";
                session.Started = () => terminal.Writer.WriteLine($"trading {settings.Symbol} on {target.Name} with {label}{calibrating}; journal {journalPath}; SIGINT or SIGTERM to stop");
                session.Reachability = line => terminal.Error.WriteLine(line);
            }

            await using DashboardServer? server = listen is null ? null : await DashboardServer.StartAsync(new LiveSessionFeed(session), listen, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (server is not null)
            {
                // With --json standard output carries the JSON alone.
                DashboardAnnouncement.Write(parse.GetValue(json) ? terminal.Error : terminal.Writer, terminal.Error, server, listen!, live: true);
            }

            SessionResult result = await session.RunAsync(cancellationToken).ConfigureAwait(false);
            // Nothing traded when a stop came while connecting: no run folder; the journal records the run's end.
            string? folder = result.StoppedBeforeTrading ? null : runFolder?.Save(settings, target.Name, result);
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(SessionJson.Final(result));
                return ExitCode(result);
            }

            if (result.StoppedBeforeTrading)
            {
                // Nothing traded: no table, no run folder; the journal records the run's end.
                terminal.Writer.WriteLine($"{result.EndReason}; journal {result.JournalPath}");
                return ExitCode(result);
            }

            RunTable.Write(terminal, [RunRow.From(result.Run)], $"{label} on {target.Name}, {settings.Symbol}");
            terminal.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"position {result.Position} (venue {result.VenuePosition}); cash {result.Cash} (venue {result.VenueCash}); executions {result.Executions} (venue {result.VenueExecutions}, journal {result.JournalExecutions}); orders open at the end {result.OrdersOpenAtEnd}"));
            terminal.Writer.WriteLine($"faults seen {result.FaultsSeen}{(result.Faults.Count > 0 ? ": " + string.Join(", ", result.Faults.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}")) : "")}");
            if (result.Run.Rejections.Values.Sum() is > 0 and long rejected)
            {
                // The table's total, by the limit that refused: the first thing a user asks of it.
                IEnumerable<string> reasons = result.Run.Rejections.Where(r => r.Value > 0).OrderByDescending(r => r.Value).Select(r => $"{Words(r.Key.ToString())} {r.Value}");
                terminal.Writer.WriteLine($"risk rejections {rejected}: {string.Join(", ", reasons)}");
            }

            if (result.KillReason is not null)
            {
                terminal.Writer.WriteLine($"kill switch: {result.KillReason}");
            }

            terminal.Writer.WriteLine($"journal: {result.JournalPath}{(folder is null ? "" : $"; run folder: {folder}")}");
            return ExitCode(result);
        });
        return command;
    }

    /// <summary>
    /// How long the session watches the market to calibrate σ, A, κ: as given, else 60 s when the
    /// strategy quotes from one of them that was not given, else none. A window for a strategy with
    /// nothing left to calibrate is refused, not ignored.
    /// </summary>
    internal static TimeSpan CalibrationWindow(string? given, string strategy, double? sigma, double? a, double? kappa)
    {
        string[] reads = StrategyCatalog.Names.Contains(strategy) ? [.. StrategyCatalog.Parameters(strategy).Intersect(["sigma", "A", "kappa"])] : [];
        bool open = (reads.Contains("sigma") && sigma is null) || (reads.Contains("A") && a is null) || (reads.Contains("kappa") && kappa is null);
        if (given is null)
        {
            return open ? TimeSpan.FromSeconds(60) : TimeSpan.Zero;
        }

        TimeSpan window = Durations.Parse("calibrate", given, allowZero: true);
        if (window > TimeSpan.Zero && reads.Length == 0)
        {
            throw new InvalidParameterException("calibrate", $"{strategy} quotes from no σ, A or κ: there is nothing to calibrate");
        }

        if (window > TimeSpan.Zero && !open)
        {
            string[] names = [.. reads.Select(r => r == "sigma" ? "σ" : r == "kappa" ? "κ" : r)];
            string quoted = names.Length == 1 ? $"{names[0]}, given" : $"{string.Join(", ", names[..^1])} and {names[^1]}, {(names.Length == 2 ? "both" : "all")} given";
            throw new InvalidParameterException("calibrate", $"{strategy} quotes from {quoted}: there is nothing left to calibrate");
        }

        return window;
    }

    /// <summary>0 for a session that ended normally or on a signal, <see cref="KillSwitchExitCode"/> for one the kill switch ended.</summary>
    internal static int ExitCode(SessionResult result) => result.KillReason is null ? 0 : KillSwitchExitCode;

    /// <summary>A reason's name in words: OrderRate → "order rate".</summary>
    internal static string Words(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? " " : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>The API key and secret: from the file when given (owner-only, else refused), else from the environment.</summary>
    private static BybitCredentials Credentials(string? file) =>
        file is not null
            ? BybitCredentials.FromFile(file)
            : BybitCredentials.FromEnvironment() ?? throw new InvalidParameterException("credentials", $"set {BybitCredentials.KeyVariable} and {BybitCredentials.SecretVariable}, or pass --credentials FILE (--paper needs no key)");
}
