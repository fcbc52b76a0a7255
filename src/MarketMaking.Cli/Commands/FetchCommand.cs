using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Data.Bybit;
using MarketMaking.Research.Runs;
using Spectre.Console;

namespace MarketMaking.Cli.Commands;

/// <summary><c>mm fetch</c>: klines, recent trades, an order book or an instrument from an exchange's REST API.</summary>
internal static class FetchCommand
{
    // Bybit's "params error": it refuses a value of the request (a symbol it does not list, a category, an interval).
    private const int ParamsError = 10001;

    public static Command Create(Terminal terminal)
    {
        var command = new Command("fetch", "Download market data from an exchange's REST API (Bybit V5).");
        command.Subcommands.Add(Klines(terminal));
        command.Subcommands.Add(Trades(terminal));
        command.Subcommands.Add(OrderBook(terminal));
        command.Subcommands.Add(InstrumentInfo(terminal));
        return command;
    }

    /// <summary>Parses a UTC time given as a date, a date and time, or milliseconds since the epoch.</summary>
    internal static DateTimeOffset ParseTime(string option, string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long millis))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(millis);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time)
            ? time
            : throw new InvalidParameterException(option, $"'{text}' is not a time; use 2024-01-31, 2024-01-31T12:00:00Z or milliseconds since the epoch");
    }

    private static Command Klines(Terminal terminal)
    {
        var source = new SourceOptions();
        var interval = new Option<string>("--interval") { Description = "bar length: 1 3 5 15 30 60 120 240 360 720 (minutes), D, W or M", DefaultValueFactory = _ => "1" };
        var start = new Option<string>("--start") { Description = "first bar, UTC (2024-01-31, 2024-01-31T12:00:00Z or ms since the epoch)", Required = true };
        var end = new Option<string?>("--end") { Description = "last bar, UTC (default: now)" };
        var output = Out("CSV file: timestamp,open,high,low,close,volume,turnover");
        var command = new Command("klines", "Klines (OHLCV bars) over a time range, oldest first, as CSV.") { interval, start, end, output };
        source.AddTo(command);
        SetAction(command, [.. SourceOptions.Parameters, ("interval", "interval"), ("period", "interval"), ("start", "start"), ("end", "end")], async (parse, cancellationToken) =>
        {
            (BybitCategory category, string symbol, Uri baseUrl) = source.Resolve(parse);
            BybitKlineInterval bar = BybitKlineInterval.Parse(parse.GetValue(interval)!);
            DateTimeOffset from = ParseTime("start", parse.GetValue(start)!);
            DateTimeOffset to = parse.GetValue(end) is { } text ? ParseTime("end", text) : DateTimeOffset.UtcNow;
            if (from > to)
            {
                throw new InvalidParameterException("start", $"{from:u} is after --end {to:u}");
            }

            string path = parse.GetValue(output)!;
            using var client = new BybitRestClient(new BybitRestOptions { BaseUrl = baseUrl });
            long rows = 0;

            // Written under a temporary name and moved into place at the end: a download that fails
            // (no network, Ctrl-C) leaves no header-only file, and an earlier file as it was.
            await OutputFiles.WriteAtomicallyAsync(path, async writer =>
            {
                await writer.WriteLineAsync("timestamp,open,high,low,close,volume,turnover").ConfigureAwait(false);
                await ProgressBars.RunAsync(terminal, $"{symbol} klines", 1, async task =>
                {
                    await foreach (BybitKline k in client.GetKlinesAsync(category, symbol, bar, from, to, new ProgressReport(task), cancellationToken).ConfigureAwait(false))
                    {
                        // The timestamp format of the toolkit's other bar files, so one reader reads both.
                        string time = DateTimeOffset.UnixEpoch.AddTicks(k.StartTime / 100).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
                        await writer.WriteLineAsync(string.Join(',', time, Number(k.Open), Number(k.High), Number(k.Low), Number(k.Close), Number(k.Volume), Number(k.Turnover))).ConfigureAwait(false);
                        rows++;
                    }
                }).ConfigureAwait(false);
            }).ConfigureAwait(false);

            terminal.Writer.WriteLine(source.Json(parse)
                ? Json.Serialize(new { Klines = rows, Interval = bar.Name, Symbol = symbol, Category = category.ApiName(), Out = path })
                : $"wrote {rows:N0} klines (interval {bar.Name}) of {symbol} ({category.ApiName()}) to {path}");
            return 0;
        });
        return command;
    }

    private static Command Trades(Terminal terminal)
    {
        var source = new SourceOptions();
        var limit = new Option<int?>("--limit") { Description = "number of recent trades (Bybit: spot up to 60, derivatives up to 1000; default Bybit's)" };
        var output = Out("JSON file");
        var command = new Command("trades", "The most recent public trades, as JSON.") { limit, output };
        source.AddTo(command);
        SetAction(command, [.. SourceOptions.Parameters, ("limit", "limit")], async (parse, cancellationToken) =>
        {
            (BybitCategory category, string symbol, Uri baseUrl) = source.Resolve(parse);
            using var client = new BybitRestClient(new BybitRestOptions { BaseUrl = baseUrl });
            IReadOnlyList<BybitTrade> trades = await client.GetRecentTradesAsync(category, symbol, parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
            string path = parse.GetValue(output)!;
            await WriteJsonAsync(path, new { Exchange = "bybit", Category = category.ApiName(), Symbol = symbol, Trades = trades }).ConfigureAwait(false);
            terminal.Writer.WriteLine(source.Json(parse)
                ? Json.Serialize(new { Trades = trades.Count, Symbol = symbol, Category = category.ApiName(), Out = path })
                : $"wrote {trades.Count:N0} trades of {symbol} ({category.ApiName()}) to {path}");
            return 0;
        });
        return command;
    }

    private static Command OrderBook(Terminal terminal)
    {
        var source = new SourceOptions();
        var depth = new Option<int?>("--depth") { Description = "levels per side (Bybit: 1 to 1000; default Bybit's, 1 for spot and 25 for linear and inverse)" };
        var output = Out("JSON file");
        var command = new Command("orderbook", "An order-book snapshot, as JSON.") { depth, output };
        source.AddTo(command);
        SetAction(command, [.. SourceOptions.Parameters, ("limit", "depth")], async (parse, cancellationToken) =>
        {
            (BybitCategory category, string symbol, Uri baseUrl) = source.Resolve(parse);
            using var client = new BybitRestClient(new BybitRestOptions { BaseUrl = baseUrl });
            BybitOrderBookSnapshot book = await client.GetOrderBookAsync(category, symbol, parse.GetValue(depth), cancellationToken).ConfigureAwait(false);
            string path = parse.GetValue(output)!;
            await WriteJsonAsync(path, new { Exchange = "bybit", Category = category.ApiName(), OrderBook = book }).ConfigureAwait(false);
            terminal.Writer.WriteLine(source.Json(parse)
                ? Json.Serialize(new { Bids = book.Bids.Count, Asks = book.Asks.Count, Symbol = symbol, Category = category.ApiName(), Out = path })
                : $"wrote {book.Bids.Count} bids and {book.Asks.Count} asks of {symbol} ({category.ApiName()}) to {path}");
            return 0;
        });
        return command;
    }

    private static Command InstrumentInfo(Terminal terminal)
    {
        var source = new SourceOptions();
        var output = Out("JSON file");
        var command = new Command("instrument", "An instrument's tick size and lot size, as JSON.") { output };
        source.AddTo(command);
        SetAction(command, SourceOptions.Parameters, async (parse, cancellationToken) =>
        {
            (BybitCategory category, string symbol, Uri baseUrl) = source.Resolve(parse);
            using var client = new BybitRestClient(new BybitRestOptions { BaseUrl = baseUrl });
            Instrument instrument = await client.GetInstrumentAsync(category, symbol, cancellationToken).ConfigureAwait(false);
            string path = parse.GetValue(output)!;
            await WriteJsonAsync(path, new { Exchange = "bybit", Category = category.ApiName(), instrument.Symbol, instrument.TickSize, instrument.LotSize }).ConfigureAwait(false);
            terminal.Writer.WriteLine(source.Json(parse)
                ? Json.Serialize(new { Symbol = symbol, Category = category.ApiName(), instrument.TickSize, instrument.LotSize, Out = path })
                : $"{symbol} ({category.ApiName()}): tick {Number((decimal)instrument.TickSize)}, lot {Number((decimal)instrument.LotSize)}; written to {path}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Sets the command's action, with Bybit's refusal of a request parameter (retCode 10001) the user's
    /// mistake (exit 2) naming the option behind it; <paramref name="sent"/> are the request's
    /// parameters (as Bybit's messages name them) and their options (shared with <c>mm record</c>).
    /// </summary>
    internal static void SetAction(Command command, IReadOnlyList<(string Parameter, string Option)> sent, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken).ConfigureAwait(false);
            }
            catch (BybitApiException e) when (e.Code == ParamsError)
            {
                throw Refused(e, sent);
            }
        });

    /// <summary>
    /// The refusal as a usage error naming the parameter Bybit's message names (for a subscription, the
    /// topic); every option sent when it names none. <paramref name="after"/> ends the line (what a refused recording kept).
    /// </summary>
    internal static InvalidParameterException Refused(BybitApiException refusal, IReadOnlyList<(string Parameter, string Option)> sent, string after = "")
    {
        string[] named = [.. sent.Where(p => Regex.IsMatch(refusal.ExchangeMessage, $@"\b{Regex.Escape(p.Parameter)}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).Select(p => p.Option).Distinct()];
        string[] options = named.Length > 0 ? named : [.. sent.Select(p => p.Option).Distinct()];
        string parameter = options.Length > 1 ? $"{string.Join(", ", options[..^1])} or {options[^1]}" : options[0];
        string answer = refusal.Code is { } code ? $"error {code}: {refusal.ExchangeMessage}" : refusal.ExchangeMessage;
        return new InvalidParameterException(parameter, $"Bybit refused {refusal.Request} ({answer}){after}");
    }

    private static Option<string> Out(string what) => new("--out") { Description = what, Required = true };

    private static Task WriteJsonAsync(string path, object value) =>
        OutputFiles.WriteAtomicallyAsync(path, writer => writer.WriteLineAsync(Json.Serialize(value)));

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where the data comes from: exchange, category, symbol and API address (shared with <c>mm record</c>).</summary>
    internal sealed class SourceOptions
    {
        private readonly Option<string> _exchange = new("--exchange") { Description = "exchange: bybit", DefaultValueFactory = _ => "bybit" };
        private readonly Option<string> _category = new("--category") { Description = "spot, linear or inverse", DefaultValueFactory = _ => "linear" };
        private readonly Option<string> _symbol = new("--symbol") { Description = "instrument symbol, e.g. BTCUSDT", Required = true };
        private readonly Option<string?> _baseUrl = new("--base-url") { Description = "REST address: https://api.bybit.com (default), https://api-testnet.bybit.com, or a local server" };
        private readonly Option<bool> _json = new("--json") { Description = "print what was written as JSON" };

        /// <summary>The request parameters these options give (every request sends them), each with its option.</summary>
        public static IReadOnlyList<(string Parameter, string Option)> Parameters { get; } = [("symbol", "symbol"), ("category", "category")];

        public void AddTo(Command command)
        {
            foreach (Option option in new Option[] { _exchange, _category, _symbol, _baseUrl, _json })
            {
                command.Options.Add(option);
            }
        }

        public bool Json(ParseResult parse) => parse.GetValue(_json);

        public (BybitCategory Category, string Symbol, Uri BaseUrl) Resolve(ParseResult parse)
        {
            string exchange = parse.GetValue(_exchange)!;
            if (exchange != "bybit")
            {
                throw new InvalidParameterException("exchange", $"unknown exchange '{exchange}'; known: bybit");
            }

            BybitCategory category = BybitCategories.Parse(parse.GetValue(_category)!);
            string symbol = parse.GetValue(_symbol)!;
            if (string.IsNullOrWhiteSpace(symbol))
            {
                throw new InvalidParameterException("symbol", "must not be empty");
            }

            Uri baseUrl = BybitEndpoints.Mainnet;
            if (parse.GetValue(_baseUrl) is { } text)
            {
                if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? given) || (given.Scheme != Uri.UriSchemeHttp && given.Scheme != Uri.UriSchemeHttps))
                {
                    throw new InvalidParameterException("base-url", $"'{text}' is not an http:// or https:// address");
                }

                baseUrl = given;
            }

            return (category, symbol, baseUrl);
        }
    }

    /// <summary>Moves the progress bar as the download advances.</summary>
    private sealed class ProgressReport(ProgressLine task) : IProgress<double>
    {
        public void Report(double value) => task.Value = value;
    }
}
