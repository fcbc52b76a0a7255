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
    /// <summary>The formats holding something to check the rebuilt book against: their own best quotes, book rows or trades.</summary>
    private static readonly MarketDataFormat[] Verifiable =
        [MarketDataFormat.BinanceUsdm, MarketDataFormat.BinanceSpot, MarketDataFormat.BinanceCoinM, MarketDataFormat.Mmev, MarketDataFormat.Lobster, MarketDataFormat.DbnMbo];

    private const string WhatItVerifies =
        "verify-book checks binance-usdm, binance-spot and binance-cm (against their bookTicker), mmev converted from one of them, lobster (against its order-book rows) and dbn-mbo (trades against the resting side)";

    public static Command Create(Terminal terminal)
    {
        var data = new Option<string>("--data") { Description = "data file holding depth updates and best quotes (Binance bookTicker), a LOBSTER zip, or a Databento MBO .dbn.zst", Required = true };
        var format = new Option<string?>("--format") { Description = "data format: binance-usdm (the default), binance-spot, binance-cm, mmev converted from one (an .mmev file needs no --format), lobster, or dbn-mbo" };
        var onBadRow = new Option<string>("--on-bad-row") { Description = "stop at the first bad row, or skip and count bad rows: stop, skip", DefaultValueFactory = _ => "stop" };
        var json = new Option<bool>("--json") { Description = "print {\"compared\",\"matched_share\"}" };
        var command = new Command(
            "verify-book",
            "Rebuild the L2 book from a file's depth updates and compare its best bid and ask (price and size) with the file's own best quotes at matching update ids; " +
            "for LOBSTER, rebuild the book order by order and compare every level of every order-book row; " +
            "for Databento MBO, rebuild the book order by order and check every trade is at a price it holds on the resting side.")
        {
            data, format, onBadRow, json,
        };
        command.SetAction(parse =>
        {
            MarketDataFormat dataFormat = MarketDataFormats.Parse(MarketDataFormats.NamedOrDetected(parse.GetValue(format), parse.GetValue(data)!) ?? "binance-usdm");
            if (MarketDataFormats.IsBars(dataFormat))
            {
                throw new InvalidParameterException("format", $"{MarketDataFormats.NameOf(dataFormat)} holds bars, not an order book");
            }

            if (!Verifiable.Contains(dataFormat))
            {
                throw new InvalidParameterException("format", $"{MarketDataFormats.NameOf(dataFormat)} carries no best quotes of its own: the rebuilt book has nothing independent to compare against; {WhatItVerifies}");
            }

            var options = new MarketDataOptions { OnBadRow = BadRowText.ParsePolicy(parse.GetValue(onBadRow)!) };
            if (dataFormat == MarketDataFormat.Lobster)
            {
                return VerifyLobster(terminal, parse.GetValue(data)!, options, parse.GetValue(json));
            }

            if (dataFormat == MarketDataFormat.DbnMbo)
            {
                return VerifyDbn(terminal, parse.GetValue(data)!, options, parse.GetValue(json));
            }

            using MarketDataReader reader = MarketDataFormats.Open(parse.GetValue(data)!, dataFormat, options);
            BookVerification result = BookVerifier.Verify(reader);
            if (result.Quotes == 0)
            {
                // An .mmev converted from a format without best quotes, or a Binance dump without its bookTicker stream.
                throw new InvalidParameterException("data", $"{reader.Path} holds no best quotes of its own: the rebuilt book has nothing independent to compare against; {WhatItVerifies}");
            }

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
        ReadToEnd(reader);

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

    /// <summary>Reads the whole file, checking every trade against the book rebuilt so far (the reader does it), and prints what it found.</summary>
    private static int VerifyDbn(Terminal terminal, string path, MarketDataOptions options, bool json)
    {
        using var reader = new DbnMboReader(path, options);
        ReadToEnd(reader);

        DbnStatistics s = reader.Statistics;
        if (json)
        {
            terminal.Writer.WriteLine(Json.Serialize(new { s.Records, s.SnapshotOrders, s.Trades, s.TradesMatched, MatchedShare = s.MatchedShare, s.Fills, s.FillsMatched, s.UnknownOrders }));
            return 0;
        }

        var invariant = CultureInfo.InvariantCulture;
        terminal.Writer.WriteLine(
            $"read {s.Records.ToString("N0", invariant)} MBO records of {reader.Instrument.Symbol} (snapshot of {s.SnapshotOrders.ToString("N0", invariant)} orders), tick {reader.Instrument.TickSize.ToString("G", invariant)}; " +
            $"checked {s.Trades.ToString("N0", invariant)} trades against the book rebuilt order by order: {s.TradesMatched.ToString("N0", invariant)} at a price it held on the resting side ({Formats.Percent(s.MatchedShare)})");
        terminal.Writer.WriteLine(
            $"fills of resting orders {s.Fills.ToString("N0", invariant)}, of orders the book held {s.FillsMatched.ToString("N0", invariant)}; " +
            $"lots filled beyond displayed sizes (icebergs) {s.HiddenFillLots.ToString("N0", invariant)}; cancels and modifies of orders the book did not hold {s.UnknownOrders.ToString("N0", invariant)}");
        terminal.Writer.WriteLine(BadRowText.Describe(reader.BadRows));
        return s.TradesMatched == s.Trades ? 0 : 1;
    }

    /// <summary>Reads every event, for the checks the order-by-order readers make as they read.</summary>
    private static void ReadToEnd(MarketDataReader reader)
    {
        var buffer = new Core.MarketData.MarketEvent[8192];
        while (reader.Read(buffer) > 0)
        {
        }
    }
}
