using System.CommandLine;
using System.Globalization;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Files;
using MarketMaking.Data.Binary;
using MarketMaking.Data.Files;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;

namespace MarketMaking.Cli.Commands;

/// <summary><c>mm convert</c>: a market data file to the compact binary .mmev event format.</summary>
internal static class ConvertCommand
{
    public static Command Create(Terminal terminal)
    {
        var input = new Argument<string>("IN") { Description = "data file to read (plain, gzip or zip)" };
        var output = new Argument<string>("OUT") { Description = ".mmev file to write" };
        var format = new Option<string>("--format") { Description = $"input format: {string.Join(", ", MarketDataFormats.Names.Where(n => !MarketDataFormats.IsBars(MarketDataFormats.Parse(n))))}", Required = true };
        var tickSize = new Option<double?>("--tick-size") { Description = "price grid (default: inferred from the decimals written in the file)" };
        var lotSize = new Option<double?>("--lot-size") { Description = "quantity grid (default: inferred from the decimals written in the file)" };
        var symbol = new Option<string?>("--symbol") { Description = "instrument symbol (default: the one the file names)" };
        var onBadRow = new Option<string>("--on-bad-row") { Description = "stop at the first bad row, or skip and count bad rows: stop, skip", DefaultValueFactory = _ => "stop" };
        var json = new Option<bool>("--json") { Description = "print {\"events\",\"seconds\",\"events_per_second\",\"symbol\",\"tick_size\",\"lot_size\",\"skipped_rows\",\"unapplied_updates\"}" };
        var command = new Command("convert", "Convert a market data file (Binance, Bybit, Tardis) to the binary .mmev event format.")
        {
            input, output, format, tickSize, lotSize, symbol, onBadRow, json,
        };
        command.SetAction(parse =>
        {
            MarketDataFormat dataFormat = MarketDataFormats.Parse(parse.GetValue(format)!);
            if (MarketDataFormats.IsBars(dataFormat))
            {
                throw new InvalidParameterException("format", $"{MarketDataFormats.NameOf(dataFormat)} holds bars; .mmev holds market events");
            }

            var options = new MarketDataOptions
            {
                TickSize = parse.GetValue(tickSize) is { } tick ? InvalidParameterException.RequirePositive("tick-size", tick) : null,
                LotSize = parse.GetValue(lotSize) is { } lot ? InvalidParameterException.RequirePositive("lot-size", lot) : null,
                Symbol = parse.GetValue(symbol),
                OnBadRow = BadRowText.ParsePolicy(parse.GetValue(onBadRow)!),
            };
            string target = parse.GetValue(output)!;
            DistinctOutput.Require("OUT", target, parse.GetValue(input)!);
            using MarketDataReader reader = MarketDataFormats.Open(parse.GetValue(input)!, dataFormat, options);
            ConversionResult result = MarketDataConverter.Convert(reader, target);

            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new
                {
                    Events = result.Events,
                    Seconds = result.Elapsed.TotalSeconds,
                    EventsPerSecond = result.EventsPerSecond,
                    reader.Instrument.Symbol,
                    reader.Instrument.TickSize,
                    reader.Instrument.LotSize,
                    SkippedRows = BadRowText.ByReason(reader.BadRows),
                    reader.UnappliedUpdates,
                }));
                return 0;
            }

            var invariant = CultureInfo.InvariantCulture;
            terminal.Writer.WriteLine(
                $"wrote {result.Events.ToString("N0", invariant)} events to {target} ({reader.Instrument.Symbol}, tick {reader.Instrument.TickSize.ToString(invariant)}, " +
                $"lot {reader.Instrument.LotSize.ToString(invariant)}) in {Formats.Fixed(result.Elapsed.TotalSeconds, 2)} s: {Formats.Rate(result.EventsPerSecond)} events/s");
            terminal.Writer.WriteLine(BadRowText.Describe(reader.BadRows));
            if (reader.UnappliedUpdates > 0)
            {
                terminal.Writer.WriteLine($"book updates not applied (before the first snapshot, older than it, or after a gap): {reader.UnappliedUpdates.ToString("N0", invariant)}");
            }

            return 0;
        });
        return command;
    }
}
