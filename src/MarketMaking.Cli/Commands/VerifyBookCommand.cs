using System.CommandLine;
using System.Globalization;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Data.Files;
using MarketMaking.Data.Verification;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;

namespace MarketMaking.Cli.Commands;

/// <summary><c>mm verify-book</c>: the book rebuilt from depth updates against the file's own best quotes.</summary>
internal static class VerifyBookCommand
{
    public static Command Create(Terminal terminal)
    {
        var data = new Option<string>("--data") { Description = "data file holding depth updates and best quotes (Binance bookTicker)", Required = true };
        var format = new Option<string>("--format") { Description = "data format: binance-usdm, binance-spot, binance-cm, or mmev converted from one", DefaultValueFactory = _ => "binance-usdm" };
        var onBadRow = new Option<string>("--on-bad-row") { Description = "stop at the first bad row, or skip and count bad rows: stop, skip", DefaultValueFactory = _ => "stop" };
        var json = new Option<bool>("--json") { Description = "print {\"compared\",\"matched_share\"}" };
        var command = new Command(
            "verify-book",
            "Rebuild the L2 book from a file's depth updates and compare its best bid and ask (price and size) with the file's own best quotes at matching update ids.")
        {
            data, format, onBadRow, json,
        };
        command.SetAction(parse =>
        {
            MarketDataFormat dataFormat = MarketDataFormats.Parse(parse.GetValue(format)!);
            if (MarketDataFormats.IsBars(dataFormat))
            {
                throw new InvalidParameterException("format", $"{MarketDataFormats.NameOf(dataFormat)} holds bars, not an order book");
            }

            var options = new MarketDataOptions { OnBadRow = BadRowText.ParsePolicy(parse.GetValue(onBadRow)!) };
            using MarketDataReader reader = MarketDataFormats.Open(parse.GetValue(data)!, dataFormat, options);
            BookVerification result = BookVerifier.Verify(reader);

            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { result.Compared, result.MatchedShare }));
                return 0;
            }

            var invariant = CultureInfo.InvariantCulture;
            terminal.Writer.WriteLine(
                $"compared {result.Compared.ToString("N0", invariant)} of {result.Quotes.ToString("N0", invariant)} best quotes with the rebuilt book at matching update ids: " +
                $"{result.Matched.ToString("N0", invariant)} matched ({Formats.Percent(result.MatchedShare)})");
            if (result.FirstMismatch is { } mismatch)
            {
                terminal.Writer.WriteLine($"first mismatch: {mismatch}");
            }

            terminal.Writer.WriteLine(BadRowText.Describe(reader.BadRows));
            return 0;
        });
        return command;
    }
}
