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
        var data = new Option<string>("--data") { Description = "data file holding depth updates and best quotes (Binance bookTicker), or a LOBSTER zip", Required = true };
        var format = new Option<string>("--format") { Description = "data format: binance-usdm, binance-spot, binance-cm, mmev converted from one, or lobster", DefaultValueFactory = _ => "binance-usdm" };
        var onBadRow = new Option<string>("--on-bad-row") { Description = "stop at the first bad row, or skip and count bad rows: stop, skip", DefaultValueFactory = _ => "stop" };
        var json = new Option<bool>("--json") { Description = "print {\"compared\",\"matched_share\"}" };
        var command = new Command(
            "verify-book",
            "Rebuild the L2 book from a file's depth updates and compare its best bid and ask (price and size) with the file's own best quotes at matching update ids; " +
            "for LOBSTER, rebuild the book order by order and compare every level of every order-book row.")
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
            if (dataFormat == MarketDataFormat.Lobster)
            {
                return VerifyLobster(terminal, parse.GetValue(data)!, options, parse.GetValue(json));
            }

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

    /// <summary>Reads the whole day, checking every order-book row (the reader does it), and prints what it found.</summary>
    private static int VerifyLobster(Terminal terminal, string path, MarketDataOptions options, bool json)
    {
        using var reader = new LobsterReader(path, options);
        var buffer = new Core.MarketData.MarketEvent[8192];
        while (reader.Read(buffer) > 0)
        {
        }

        LobsterStatistics s = reader.Statistics;
        if (json)
        {
            terminal.Writer.WriteLine(Json.Serialize(new { s.Rows, s.RowsMatched, MatchedShare = s.MatchedShare, s.Mismatches, s.LevelsFromFile, s.UnknownOrders }));
            return 0;
        }

        var invariant = CultureInfo.InvariantCulture;
        terminal.Writer.WriteLine(
            $"compared {s.Rows.ToString("N0", invariant)} order-book rows with the book rebuilt order by order, every level: " +
            $"{s.RowsMatched.ToString("N0", invariant)} matched ({Formats.Percent(s.MatchedShare)}), {s.Mismatches.ToString("N0", invariant)} levels differed");
        terminal.Writer.WriteLine(
            $"levels taken from the rows (first row, levels entering the {reader.Instrument.Symbol} window from below): {s.LevelsFromFile.ToString("N0", invariant)}; " +
            $"messages naming orders added before the file or below its window: {s.UnknownOrders.ToString("N0", invariant)}; " +
            $"hidden executions {s.HiddenExecutions.ToString("N0", invariant)}, cross trades {s.CrossTrades.ToString("N0", invariant)}, halt messages {s.Halts.ToString("N0", invariant)}");
        terminal.Writer.WriteLine(BadRowText.Describe(reader.BadRows));
        return s.Mismatches == 0 ? 0 : 1;
    }
}
