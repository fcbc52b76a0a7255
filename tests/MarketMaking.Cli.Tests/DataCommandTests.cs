using System.Text.Json;

namespace MarketMaking.Cli.Tests;

public sealed class DataCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-data-").FullName;

    [SharedDataFact]
    public void VerifyBookMatchesEveryComparableBookTickerOnTheBinanceSample()
    {
        var (code, output, error) = Mm.Run("verify-book", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm", "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement result = JsonDocument.Parse(output).RootElement;
        Assert.True(result.GetProperty("compared").GetInt64() > 600);
        Assert.Equal(1.0, result.GetProperty("matched_share").GetDouble());
    }

    [SharedDataFact]
    public void ConvertedFileVerifiesTheSame()
    {
        string binary = Path.Combine(_folder, "btcusdt.mmev");
        var (code, _, error) = Mm.Run("convert", SharedData.BinanceUsdm, binary, "--format", "binance-usdm");
        Assert.Equal(0, code);
        Assert.Empty(error);

        string Verify(string path, string format) => Mm.Run("verify-book", "--data", path, "--format", format, "--json").Output;
        Assert.Equal(Verify(SharedData.BinanceUsdm, "binance-usdm"), Verify(binary, "mmev"));

        // An .mmev says what it is: without --format, verify-book read it as binance-usdm text and
        // calibrate asked for a format; both now read its header.
        (code, string output, error) = Mm.Run("verify-book", "--data", binary, "--json");
        Assert.Equal((0, Verify(binary, "mmev")), (code, output));
        string Calibrate(params string[] format) => Mm.Run(["calibrate", "--data", binary, .. format, "--json"]).Output;
        Assert.Contains("\"sigma\"", Calibrate("--format", "mmev"), StringComparison.Ordinal);
        Assert.Equal(Calibrate("--format", "mmev"), Calibrate());
    }

    [SharedDataFact]
    public void VerifyBookMatchesEveryTradeOfTheDatabentoHour()
    {
        var (code, output, error) = Mm.Run("verify-book", "--data", SharedData.DatabentoMbo, "--format", "dbn-mbo", "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement result = JsonDocument.Parse(output).RootElement;
        Assert.Equal((68_792L, 8_725L, 2_973L, 2_973L), (result.GetProperty("records").GetInt64(), result.GetProperty("snapshot_orders").GetInt64(), result.GetProperty("trades").GetInt64(), result.GetProperty("trades_matched").GetInt64()));
    }

    /// <summary>The real file decompressed and cut 10 bytes short: the error names the file and its last record.</summary>
    [SharedDataFact]
    public void ATruncatedDbnFileIsOneLineNamingTheRecord()
    {
        string cut = Path.Combine(_folder, "esh4.mbo.dbn");
        using (var input = new ZstdSharp.DecompressionStream(File.OpenRead(SharedData.DatabentoMbo)))
        using (var copy = new MemoryStream())
        {
            input.CopyTo(copy);
            File.WriteAllBytes(cut, copy.ToArray()[..^10]);
        }

        var (code, _, error) = Mm.Run("verify-book", "--data", cut, "--format", "dbn-mbo");
        Assert.Equal(2, code);
        Assert.Equal($"error: {cut}:68792: length: record 68792 is truncated: the file ends 46 bytes into its 56 bytes", error.Trim());
    }

    /// <summary>The real .dbn.zst cut at 5,000 bytes (a partial download): one line naming the file, from every command that reads it.</summary>
    [SharedDataFact]
    public void ACompressedDbnFileCutShortIsOneLineNamingTheFile()
    {
        string cut = Path.Combine(_folder, "esh4.mbo.dbn.zst");
        File.WriteAllBytes(cut, File.ReadAllBytes(SharedData.DatabentoMbo)[..5000]);
        string expected = $"error: {cut}: zstd: the Zstandard stream ends early before the first record: the file is cut short";

        var (code, output, error) = Mm.Run("verify-book", "--data", cut, "--format", "dbn-mbo");
        Assert.Equal((2, "", expected), (code, output, error.Trim()));

        (code, _, error) = Mm.Run("backtest", "--data", cut, "--format", "dbn-mbo", "--strategy", "as", "--calibrate", "0s", "--sigma", "0.2", "--A", "1", "--kappa", "4", "--no-save");
        Assert.Equal((2, expected), (code, error.Trim()));
    }

    [SharedDataFact]
    public void ABacktestOnTheDbnFileEqualsOneOnItsConvertedFile()
    {
        string binary = Path.Combine(_folder, "esh4.mmev");
        Assert.Equal(0, Mm.Run("convert", SharedData.DatabentoMbo, binary, "--format", "dbn-mbo").Code);
        string[] settings = ["--strategy", "as,glft", "--latency", "1ms", "--calibrate", "0s", "--sigma", "0.2", "--A", "1", "--kappa", "4", "--json", "--no-save"];
        string Results(string path, string format)
        {
            var (code, output, error) = Mm.Run(["backtest", "--data", path, "--format", format, .. settings]);
            Assert.True(code == 0, error);
            return JsonDocument.Parse(output).RootElement.GetProperty("results").GetRawText();
        }

        string direct = Results(SharedData.DatabentoMbo, "dbn-mbo");
        Assert.Equal(direct, Results(binary, "mmev"));
        Assert.Contains("\"fills\"", direct, StringComparison.Ordinal);

        // An .mmev says what it is: no --format needed; another file still needs one.
        var (code, output, error) = Mm.Run(["backtest", "--data", binary, .. settings]);
        Assert.True(code == 0, error);
        Assert.Equal(direct, JsonDocument.Parse(output).RootElement.GetProperty("results").GetRawText());
        Assert.Equal(2, Mm.Run(["backtest", "--data", SharedData.DatabentoMbo, .. settings]).Code);
    }

    [SharedDataFact]
    public void AnExactQueueBacktestOnTheLobsterDayEqualsOneOnItsConvertedFileWhichSkipsTheLevelEchoes()
    {
        // From the .mmev the L3 replay leaves out the level after each order event (ILevelEchoSource);
        // from the zip it reads them: fills, PnL and the event and message counts must not change.
        string zip = Path.Combine(SharedData.Folder!, "lobster/LOBSTER_SampleFile_AMZN_2012-06-21_5.zip");
        string binary = Path.Combine(_folder, "amzn.mmev");
        Assert.Equal(0, Mm.Run("convert", zip, binary, "--format", "lobster").Code);
        foreach (string[] impact in new[] { Array.Empty<string>(), ["--own-impact"] })
        {
            (string Results, string Replay) Run(string path, string format)
            {
                string[] settings = ["backtest", "--data", path, "--format", format, "--strategy", "as,glft", "--latency", "1ms", "--no-save", .. impact];
                var (code, output, error) = Mm.Run([.. settings, "--json"]);
                Assert.True(code == 0, error);
                string replay = Mm.Run(settings).Output.Split('\n').Single(line => line.TrimStart().StartsWith("replay:", StringComparison.Ordinal));
                return (JsonDocument.Parse(output).RootElement.GetProperty("results").GetRawText(), replay.Trim());
            }

            (string results, string replay) = Run(zip, "lobster");
            Assert.Equal((results, replay), Run(binary, "mmev"));
            Assert.StartsWith("replay: 333,736 events in ", replay, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MissingFileAndUnknownFormatAreOneLineErrors()
    {
        var (code, _, error) = Mm.Run("verify-book", "--data", Path.Combine(_folder, "absent.gz"), "--format", "binance-usdm");
        Assert.Equal(2, code);
        Assert.Contains("absent.gz", error, StringComparison.Ordinal);

        (code, _, error) = Mm.Run("convert", "in.csv", "out.mmev", "--format", "parquet");
        Assert.Equal(2, code);
        Assert.Contains("parquet", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadRowNamesFileAndLineAndSkipCountsIt()
    {
        string bars = Path.Combine(_folder, "trades.csv");
        File.WriteAllLines(bars,
        [
            "exchange,symbol,timestamp,local_timestamp,id,side,price,amount",
            "bitmex,XBTUSD,1585699200245000,1585699200355010,a,sell,6425.5,12",
            "bitmex,XBTUSD,1585699200245001,1585699200355011,b,buy,64x5.5,3",
            "bitmex,XBTUSD,1585699200245002,1585699200355012,c,buy,6426,4",
        ]);
        string output = Path.Combine(_folder, "t.mmev");
        var (code, _, error) = Mm.Run("convert", bars, output, "--format", "tardis-trades");
        Assert.Equal(2, code);
        Assert.Contains("trades.csv:3", error, StringComparison.Ordinal);
        Assert.Contains("price", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output)); // nothing half-written

        (code, string printed, error) = Mm.Run("convert", bars, output, "--format", "tardis-trades", "--on-bad-row", "skip");
        Assert.Equal(0, code);
        Assert.Contains("skipped rows: 1 (unparsable number 1)", printed, StringComparison.Ordinal);
        Assert.True(File.Exists(output));
    }

    /// <summary>OUT naming IN, by the same path, a relative one, another spelling or a symbolic link: refused before anything is written.</summary>
    [Fact]
    public void ConvertRefusesToWriteOverItsInput()
    {
        string input = Path.Combine(_folder, "trades.csv");
        File.WriteAllLines(input, [TardisTradeHeader, "bitmex,XBTUSD,1585699200245000,1585699200355010,a,sell,6425.5,12"]);
        byte[] before = File.ReadAllBytes(input);
        string link = Path.Combine(_folder, "link.csv");
        File.CreateSymbolicLink(link, input);

        foreach (string output in new[] { input, Path.GetRelativePath(Environment.CurrentDirectory, input), Path.Combine(_folder, ".", "trades.csv"), link })
        {
            var (code, printed, error) = Mm.Run("convert", input, output, "--format", "tardis-trades");
            Assert.Equal((2, "", $"error: invalid OUT: {output} is the input file {input}; writing it would replace the input"), (code, printed, error.Trim()));
        }

        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.Equal([link, input], Directory.GetFileSystemEntries(_folder).Order(StringComparer.Ordinal));
        Assert.Equal(0, Mm.Run("convert", link, Path.Combine(_folder, "trades.mmev"), "--format", "tardis-trades").Code);
    }

    /// <summary>A journal's report written over the journal itself: refused before the journal is read.</summary>
    [Fact]
    public void AJournalReportRefusesToWriteOverTheJournal()
    {
        string journal = Path.Combine(_folder, "journal.db");
        File.WriteAllText(journal, "not read");

        var (code, _, error) = Mm.Run("journal", journal, "report", "--out", journal);
        Assert.Equal((2, $"error: invalid out: {journal} is the input file {journal}; writing it would replace the input"), (code, error.Trim()));
        Assert.Equal("not read", File.ReadAllText(journal));
    }

    /// <summary>A trade at a price of zero or below is a bad row like any other: file:line under stop, counted under skip.</summary>
    [Fact]
    public void ConvertRefusesATradeAtANonPositivePrice()
    {
        string input = Path.Combine(_folder, "btcusdt.txt");
        File.WriteAllLines(input,
        [
            """10 {"stream":"btcusdt@trade","data":{"e":"trade","E":10,"T":10,"s":"BTCUSDT","t":1,"p":"61800.20","q":"0.010","X":"MARKET","m":false}}""",
            """20 {"stream":"btcusdt@trade","data":{"e":"trade","E":20,"T":20,"s":"BTCUSDT","t":2,"p":"-5","q":"0.010","X":"MARKET","m":false}}""",
            """30 {"stream":"btcusdt@trade","data":{"e":"trade","E":30,"T":30,"s":"BTCUSDT","t":3,"p":"61800.10","q":"0.020","X":"MARKET","m":true}}""",
        ]);
        string output = Path.Combine(_folder, "btcusdt.mmev");

        var (code, _, error) = Mm.Run("convert", input, output, "--format", "binance-usdm");
        Assert.Equal((2, $"error: {input}:2: p: price '-5' is not positive"), (code, error.Trim()));
        Assert.False(File.Exists(output));

        (code, string printed, error) = Mm.Run("convert", input, output, "--format", "binance-usdm", "--on-bad-row", "skip", "--json");
        Assert.Equal((0, ""), (code, error));
        JsonElement result = JsonDocument.Parse(printed).RootElement;
        Assert.Equal((2L, 1L), (result.GetProperty("events").GetInt64(), result.GetProperty("skipped_rows").GetProperty("non_positive_price").GetInt64()));
    }

    /// <summary>Formats with no best quotes of their own have nothing independent to check the rebuilt book against: a usage error, not "0 of 0 matched".</summary>
    [Fact]
    public void VerifyBookRefusesFormatsWithNothingIndependentToCompare()
    {
        const string Verifies = "verify-book checks binance-usdm, binance-spot and binance-cm (against their bookTicker), mmev converted from one of them, lobster (against its order-book rows) and dbn-mbo (trades against the resting side)";
        string book = Path.Combine(_folder, "book.csv");
        File.WriteAllLines(book, ["exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount", "deribit,X,1,10,true,bid,99.5,5", "deribit,X,1,10,true,ask,100,2"]);
        foreach (string format in new[] { "bybit-ob", "lean-equity", "tardis-book", "tardis-trades", "bybit-trades" })
        {
            var (code, output, error) = Mm.Run("verify-book", "--data", book, "--format", format);
            Assert.Equal((2, "", $"error: invalid format: {format} carries no best quotes of its own: the rebuilt book has nothing independent to compare against; {Verifies}"), (code, output, error.Trim()));
        }

        // An .mmev is checked by what it holds: this one, from a Tardis book, holds no best quotes.
        string binary = Path.Combine(_folder, "book.mmev");
        Assert.Equal(0, Mm.Run("convert", book, binary, "--format", "tardis-book").Code);
        var (mmevCode, mmevOutput, mmevError) = Mm.Run("verify-book", "--data", binary, "--format", "mmev");
        Assert.Equal((2, "", $"error: invalid data: {binary} holds no best quotes of its own: the rebuilt book has nothing independent to compare against; {Verifies}"), (mmevCode, mmevOutput, mmevError.Trim()));
    }

    private const string TardisTradeHeader = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
