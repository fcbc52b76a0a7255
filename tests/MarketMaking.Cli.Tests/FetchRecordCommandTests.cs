using MarketMaking.Data.Tests.Bybit;
using MarketMaking.Simulation.Agents;
using MarketMaking.Venue;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Cli.Tests;

public class FetchRecordCommandTests
{
    [Theory]
    [InlineData("exchange", "fetch", "klines", "--exchange", "kraken", "--symbol", "BTCUSDT", "--start", "2024-01-01", "--end", "2024-01-02", "--out", "x.csv")]
    [InlineData("category", "fetch", "klines", "--category", "options", "--symbol", "BTCUSDT", "--start", "2024-01-01", "--end", "2024-01-02", "--out", "x.csv")]
    [InlineData("interval", "fetch", "klines", "--symbol", "BTCUSDT", "--interval", "7", "--start", "2024-01-01", "--end", "2024-01-02", "--out", "x.csv")]
    [InlineData("mm fetch klines --help", "fetch", "klines", "--symbol", "BTCUSDT", "--out", "x.csv")]
    [InlineData("depth", "record", "--symbol", "BTCUSDT", "--depth", "3", "--duration", "1m", "--out", "rec")]
    [InlineData("depth", "record", "--symbol", "BTCUSDT", "--depth", "500", "--duration", "1m", "--out", "rec")]
    [InlineData("duration", "record", "--symbol", "BTCUSDT", "--duration", "soon", "--out", "rec")]
    public void BadOptionsAreOneLineUsageErrors(string named, params string[] args)
    {
        var (code, output, error) = Mm.Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedDownloadLeavesNoFileBehind()
    {
        string folder = Directory.CreateTempSubdirectory("mm-fetch-").FullName;
        try
        {
            // Nothing listens on the discard port: the download fails after its retries.
            string path = Path.Combine(folder, "btc.csv");
            var (code, output, error) = Mm.Run("fetch", "klines", "--symbol", "BTCUSDT", "--start", "2024-01-01", "--end", "2024-01-02", "--out", path, "--base-url", "http://127.0.0.1:9");
            Assert.Equal(1, code);
            Assert.Empty(output);
            Assert.Contains("cannot reach http://127.0.0.1:9/", error, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));   // neither a header-only btc.csv nor its temporary file

            // An earlier file at that path is left as it was.
            File.WriteAllText(path, "earlier download\n");
            Assert.Equal(1, Mm.Run("fetch", "klines", "--symbol", "BTCUSDT", "--start", "2024-01-01", "--end", "2024-01-02", "--out", path, "--base-url", "http://127.0.0.1:9").Code);
            Assert.Equal("earlier download\n", File.ReadAllText(path));
            Assert.Single(Directory.EnumerateFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("BTCUSDT", "linear", "error: invalid symbol: Bybit refused GET /v5/market/kline (error 10001: params error: symbol invalid: this venue lists SIMUSDT only)")]
    [InlineData("SIMUSDT", "spot", "error: invalid category: Bybit refused GET /v5/market/kline (error 10001: params error: category spot is not served; this venue lists linear)")]
    public async Task AParameterBybitRefusesIsAUsageErrorNamingIt(string symbol, string category, string expected)
    {
        // The local venue answers as Bybit does: retCode 10001 for a symbol it does not list or a category it does not serve.
        await using LocalVenue venue = await LocalVenue.StartAsync(new AgentVenueMarket(new AgentMarketParameters { Symbol = "SIM", WarmUp = 0 }, 1), new VenueSettings());
        string folder = Directory.CreateTempSubdirectory("mm-fetch-").FullName;
        try
        {
            var (code, output, error) = Mm.Run("fetch", "klines", "--symbol", symbol, "--category", category, "--start", "2024-01-01", "--end", "2024-01-02", "--out", Path.Combine(folder, "bars.csv"), "--base-url", venue.Url.ToString());
            Assert.Equal(2, code);
            Assert.Empty(output);
            Assert.Equal(expected, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("SIMUSDT", "spot", "error: invalid category: Bybit refused GET /v5/market/instruments-info (error 10001: params error: category spot is not served; this venue lists linear)")]
    [InlineData("BTCUSDT", "linear", "error: invalid symbol: Bybit lists no instrument BTCUSDT in category linear")]
    public async Task RecordRefusedByBybitIsAUsageErrorNamingTheOption(string symbol, string category, string expected)
    {
        // The local venue answers as Bybit does: retCode 10001 for a category it does not serve, no instrument for a symbol it does not list.
        await using LocalVenue venue = await LocalVenue.StartAsync(new AgentVenueMarket(new AgentMarketParameters { Symbol = "SIM", WarmUp = 0 }, 1), new VenueSettings());
        string folder = Directory.CreateTempSubdirectory("mm-record-").FullName;
        try
        {
            var (code, output, error) = Mm.Run("record", "--symbol", symbol, "--category", category, "--duration", "1m", "--out", Path.Combine(folder, "rec"), "--base-url", venue.Url.ToString());
            Assert.Equal(2, code);
            Assert.Empty(output);
            Assert.Equal(expected, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));   // no recording folder
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task FetchOrderbookTakesBybitsLimitsOf1To1000()
    {
        // docs/v5/market/orderbook.mdx: limit [1, 1000] for spot, linear and inverse; the local venue answers 10001 beyond.
        await using LocalVenue venue = await LocalVenue.StartAsync(new AgentVenueMarket(new AgentMarketParameters { Symbol = "SIM", WarmUp = 0 }, 1), new VenueSettings());
        string folder = Directory.CreateTempSubdirectory("mm-fetch-").FullName;
        try
        {
            string path = Path.Combine(folder, "book.json");
            var (code, _, error) = Mm.Run("fetch", "orderbook", "--symbol", "SIMUSDT", "--depth", "1000", "--out", path, "--base-url", venue.Url.ToString());
            Assert.Equal((0, ""), (code, error));
            Assert.True(File.Exists(path));

            File.Delete(path);
            (code, var output, error) = Mm.Run("fetch", "orderbook", "--symbol", "SIMUSDT", "--depth", "1001", "--out", path, "--base-url", venue.Url.ToString());
            Assert.Equal((2, "", "error: invalid depth: Bybit refused GET /v5/market/orderbook (error 10001: params error: limit must be 1 to 1000)"), (code, output, error.Trim()));
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ADepthBybitDoesNotPublishIsRefusedBeforeAnythingIsWritten()
    {
        // Level 500 went offline on 2025-09-30 (docs/v5/websocket/public/orderbook.mdx); the local venue refuses it too.
        await using LocalVenue venue = await LocalVenue.StartAsync(new AgentVenueMarket(new AgentMarketParameters { Symbol = "SIM", WarmUp = 0 }, 1), new VenueSettings());
        string folder = Directory.CreateTempSubdirectory("mm-record-").FullName;
        try
        {
            string recording = Path.Combine(folder, "rec");
            Directory.CreateDirectory(recording);
            string earlier = Path.Combine(recording, "2023-11-14T22_SIMUSDT_ob50.data");
            File.WriteAllText(earlier, "{\"topic\":\"orderbook.50.SIMUSDT\"}\n");
            var (code, output, error) = Mm.Run("record", "--symbol", "SIMUSDT", "--depth", "500", "--duration", "1m", "--out", recording, "--base-url", venue.Url.ToString());
            Assert.Equal((2, "", "error: invalid depth: Bybit publishes order books of depth 1, 50, 200, 1000, not 500"), (code, output, error.Trim()));
            Assert.Equal([earlier], Directory.EnumerateFileSystemEntries(recording));
            Assert.Equal("{\"topic\":\"orderbook.50.SIMUSDT\"}\n", File.ReadAllText(earlier));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ARefusalBeforeAnyDataRemovesEveryFolderLevelTheRecordingCreatedAndNoOther()
    {
        await using BybitTestServer bybit = await SimBybitAsync();
        bybit.RefuseSubscriptions = Refusal;
        string folder = Directory.CreateTempSubdirectory("mm-record-").FullName;
        try
        {
            // a/b/c/ did not exist: all three levels go (only c went before).
            var (code, _, error) = Mm.Run("record", "--symbol", "SIMUSDT", "--duration", "1m", "--out", Path.Combine(folder, "a", "b", "c") + "/", "--base-url", bybit.BaseUrl.ToString());
            Assert.Equal(2, code);
            Assert.Equal($"error: invalid depth: Bybit refused subscribe orderbook.50.SIMUSDT,publicTrade.SIMUSDT ({Refusal})", error.Trim());
            Assert.True(Directory.Exists(folder));
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));

            // a existed (empty): b and c go, a stays.
            string existing = Directory.CreateDirectory(Path.Combine(folder, "a")).FullName;
            (code, _, _) = Mm.Run("record", "--symbol", "SIMUSDT", "--duration", "1m", "--out", Path.Combine(existing, "b", "c"), "--base-url", bybit.BaseUrl.ToString());
            Assert.Equal(2, code);
            Assert.Equal([existing], Directory.EnumerateFileSystemEntries(folder));
            Assert.Empty(Directory.EnumerateFileSystemEntries(existing));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ARefusedResubscriptionAfterDataSaysHowManyLinesAreKeptAndWhere()
    {
        // The stream sends a book snapshot and a trade, then a delta that skips updates; the feed resubscribes the book and Bybit refuses.
        await using BybitTestServer bybit = await SimBybitAsync();
        bybit.Stream = async socket =>
        {
            await socket.ExpectAsync("subscribe");
            await socket.SendAsync(SimSnapshot);
            await socket.SendAsync(SimTrade);
            bybit.RefuseSubscriptions = Refusal;
            await socket.SendAsync(BybitPayloads.Delta(5, [("100.1", "1.000")], [], "orderbook.50.SIMUSDT")); // u 1 → 5: a gap
        };
        string folder = Directory.CreateTempSubdirectory("mm-record-").FullName;
        try
        {
            string recording = Path.Combine(folder, "a", "rec");
            var (code, _, error) = Mm.Run("record", "--symbol", "SIMUSDT", "--duration", "1m", "--out", recording, "--base-url", bybit.BaseUrl.ToString());
            Assert.Equal(2, code);
            string book = Assert.Single(Directory.GetFiles(recording, "*_SIMUSDT_ob50.data"));
            string trades = Assert.Single(Directory.GetFiles(recording, "*_SIMUSDT_trade.data"));
            Assert.Equal(2, Directory.GetFiles(recording).Length);
            Assert.Equal(SimSnapshot + "\n", File.ReadAllText(book));   // the gapped delta is not recorded
            Assert.Equal(SimTrade + "\n", File.ReadAllText(trades));
            Assert.Equal(
                $"error: invalid depth: Bybit refused subscribe orderbook.50.SIMUSDT,publicTrade.SIMUSDT ({Refusal}); the 2 lines recorded before are kept in {book}, {trades}",
                Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RecordTakesTheThousandLevelBook()
    {
        await using LocalVenue venue = await LocalVenue.StartAsync(new AgentVenueMarket(new AgentMarketParameters { Symbol = "SIM", WarmUp = 0 }, 1), new VenueSettings());
        string folder = Directory.CreateTempSubdirectory("mm-record-").FullName;
        try
        {
            var (code, _, error) = Mm.Run("record", "--symbol", "SIMUSDT", "--depth", "1000", "--duration", "2s", "--out", folder, "--base-url", venue.Url.ToString());
            Assert.Equal((0, ""), (code, error));
            string book = Assert.Single(Directory.GetFiles(folder, "*_SIMUSDT_ob1000.data"));
            using var first = System.Text.Json.JsonDocument.Parse(File.ReadLines(book).First());
            Assert.Equal(("orderbook.1000.SIMUSDT", "snapshot"), (first.RootElement.GetProperty("topic").GetString(), first.RootElement.GetProperty("type").GetString()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string Refusal = "error:handler not found,topic:orderbook.50.SIMUSDT";
    private const string SimSnapshot = """{"topic":"orderbook.50.SIMUSDT","type":"snapshot","ts":1672304484979,"data":{"s":"SIMUSDT","b":[["100.0","1.000"]],"a":[["100.5","1.000"]],"u":1,"seq":1},"cts":1672304484977}""";
    private const string SimTrade = """{"topic":"publicTrade.SIMUSDT","type":"snapshot","ts":1672304486868,"data":[{"T":1672304486865,"s":"SIMUSDT","S":"Sell","v":"0.500","p":"100.0","L":"PlusTick","i":"20f43950-d8dd-5b31-9112-a178eb6023af","BT":false,"seq":2}]}""";

    /// <summary>A Bybit stand-in listing SIMUSDT (tick 0.1, lot 0.001); its stream does what each test scripts.</summary>
    private static async Task<BybitTestServer> SimBybitAsync()
    {
        BybitTestServer bybit = await BybitTestServer.StartAsync();
        bybit.Get("/v5/market/instruments-info", context => BybitTestServer.Json(context, """{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{"symbol":"SIMUSDT","priceFilter":{"tickSize":"0.1"},"lotSizeFilter":{"qtyStep":"0.001"}}]},"retExtInfo":{},"time":1672025956592}"""));
        return bybit;
    }
}
