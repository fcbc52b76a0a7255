using System.Text.Json;
using MarketMaking.Cli;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Agents;
using MarketMaking.Trading.Journal;
using MarketMaking.Venue;
using MarketMaking.Venue.Markets;
using MarketMaking.Tests.Samples;

namespace MarketMaking.Trading.Tests.Acceptance;

/// <summary>mm trade with two symbols in-process against the local venue listing both.</summary>
public class PortfolioTradeCommandTests
{
    [Fact]
    public async Task TwoSymbolsPrintEachInstrumentsFiguresAndThePortfolioWhoseTotalsAreTheirSums()
    {
        var market = new AgentMarketParameters { Symbol = "SIM", WarmUp = 30 };
        await using LocalVenue local = await LocalVenue.StartAsync(
            [("AAAUSDT", new AgentVenueMarket(market, 7)), ("BBBUSDT", new AgentVenueMarket(market, 8))],
            new VenueSettings { Speed = 10, InitialBalance = LocalVenues.InitialBalance });
        using var journal = new TempJournal();
        string keys = LocalVenues.CredentialsFile(local, journal.Folder);
        (int code, string output, string error) = await Task.Run(() => Run(
            "trade", "--venue", "local", "--endpoint", local.Url.ToString(), "--credentials", keys, "--symbol", "AAAUSDT", "--symbol", "BBBUSDT",
            "--strategy", "touch", "--duration", "10s", "--journal", journal.Path, "--json", "--no-save", "--max-gross-notional", "5000"));

        Assert.True(code == 0, error);
        using JsonDocument end = JsonDocument.Parse(output);
        JsonElement instruments = end.RootElement.GetProperty("instruments");
        JsonElement portfolio = end.RootElement.GetProperty("portfolio");
        Assert.Equal(["AAAUSDT", "BBBUSDT"], instruments.EnumerateObject().Select(p => p.Name));
        decimal pnl = 0;
        double net = 0, gross = 0;
        foreach (JsonProperty instrument in instruments.EnumerateObject())
        {
            JsonElement figures = instrument.Value;
            Assert.Equal(0, figures.GetProperty("orders_open_at_end").GetInt32());
            Assert.Equal(figures.GetProperty("venue_position").GetDecimal(), figures.GetProperty("position").GetDecimal());
            Assert.Equal(figures.GetProperty("venue_cash").GetDecimal(), figures.GetProperty("cash").GetDecimal());

            // One journal per instrument, named after it, holding its executions.
            string path = Path.Combine(journal.Folder, $"journal-{instrument.Name}.db");
            JournalRun run = Assert.Single(JournalReader.Load(path).Runs);
            Assert.Equal(instrument.Name, run.Symbol);
            Assert.Equal(figures.GetProperty("journal_executions").GetInt32(), JournalReader.Fills(path).Count);

            // Its net PnL is cash + position × mark to the last decimal, the mark the portfolio's mid (the session marks it once more at the end).
            decimal cash = figures.GetProperty("cash").GetDecimal(), position = figures.GetProperty("position").GetDecimal(), mark = figures.GetProperty("mark").GetDecimal();
            Assert.Equal(cash + (position * mark), figures.GetProperty("net_pnl").GetDecimal());
            Assert.Equal((double)mark, portfolio.GetProperty("instruments").GetProperty(instrument.Name).GetProperty("mid").GetDouble(), 9);
            pnl += figures.GetProperty("net_pnl").GetDecimal();
            double exposure = portfolio.GetProperty("instruments").GetProperty(instrument.Name).GetProperty("exposure").GetDouble();
            net += exposure;
            gross += Math.Abs(exposure);
        }

        Assert.Equal(pnl, portfolio.GetProperty("net_pnl").GetDecimal());
        Assert.Equal(net, portfolio.GetProperty("net_exposure").GetDouble(), 6);
        Assert.Equal(gross, portfolio.GetProperty("gross_notional").GetDouble(), 6);
        Assert.Equal(5000, portfolio.GetProperty("max_gross_notional").GetDouble());
        Assert.Equal(JsonValueKind.Null, portfolio.GetProperty("max_net_exposure").ValueKind);
    }

    [Fact]
    public async Task AKillSwitchOnAnInstrumentExitsThreeWithEveryInstrumentsFiguresPrinted()
    {
        var market = new AgentMarketParameters { Symbol = "SIM", WarmUp = 30 };
        await using LocalVenue local = await LocalVenue.StartAsync(
            [("AAAUSDT", new AgentVenueMarket(market, 7)), ("BBBUSDT", new AgentVenueMarket(market, 8))],
            new VenueSettings { Speed = 10, InitialBalance = LocalVenues.InitialBalance });
        using var journal = new TempJournal();
        string keys = LocalVenues.CredentialsFile(local, journal.Folder);

        // A fill pays more in fees than the spread earns: a loss limit of 0.001 trips an instrument within seconds.
        (int code, string output, string error) = await Task.Run(() => Run(
            "trade", "--venue", "local", "--endpoint", local.Url.ToString(), "--credentials", keys, "--symbol", "AAAUSDT", "--symbol", "BBBUSDT",
            "--strategy", "fixed", "--spread-bps", "10", "--max-loss", "0.001", "--duration", "20s", "--journal", journal.Path, "--json", "--no-save"));

        Assert.True(code == 3, error);
        using JsonDocument end = JsonDocument.Parse(output);
        JsonProperty[] instruments = [.. end.RootElement.GetProperty("instruments").EnumerateObject()];
        Assert.Equal(["AAAUSDT", "BBBUSDT"], instruments.Select(p => p.Name));
        Assert.Contains(instruments, p => p.Value.GetProperty("kill_reason").GetString()?.StartsWith("max loss: net PnL", StringComparison.Ordinal) == true);
        Assert.True(end.RootElement.TryGetProperty("portfolio", out _));
    }

    [SharedDataFact]
    public async Task TwoSymbolsTradeAgainstTheReplayOfTwoRecordingsEndToEnd()
    {
        IReadOnlyList<ReplayVenueMarket> markets;
        using (var merged = new MergedMarketEvents([MarketDataFormats.Open(SharedData.BinanceUsdm, "binance-usdm"), MarketDataFormats.Open(SharedData.BinanceUsdmEth, "binance-usdm")]))
        {
            (MarketEvent[] events, int[] sources, IReadOnlyList<Instrument> recorded) = ReplayVenueMarket.Read(merged);
            markets = ReplayVenueMarket.Several(events, sources, recorded, () => new RiskAverseQueueModel());
        }

        await using LocalVenue local = await LocalVenue.StartAsync(
            [("BTCUSDT", markets[0]), ("ETHUSDT", markets[1])],
            new VenueSettings { Speed = 10, InitialBalance = LocalVenues.InitialBalance, RateLimits = new VenueRateLimits { Scale = 10 } });
        using var journal = new TempJournal();
        string keys = LocalVenues.CredentialsFile(local, journal.Folder);
        (int code, string output, string error) = await Task.Run(() => Run(
            "trade", "--venue", "local", "--endpoint", local.Url.ToString(), "--credentials", keys, "--symbol", "BTCUSDT", "--symbol", "ETHUSDT",
            "--strategy", "fixed", "--spread-bps", "1", "--duration", "20s", "--journal", journal.Path, "--json", "--no-save"));

        Assert.True(code == 0, error);
        using JsonDocument end = JsonDocument.Parse(output);
        JsonElement instruments = end.RootElement.GetProperty("instruments");
        Assert.Equal(["BTCUSDT", "ETHUSDT"], instruments.EnumerateObject().Select(p => p.Name));
        int executions = 0;
        foreach (JsonProperty instrument in instruments.EnumerateObject())
        {
            JsonElement figures = instrument.Value;
            Assert.Equal(0, figures.GetProperty("orders_open_at_end").GetInt32());
            Assert.Equal(figures.GetProperty("venue_position").GetDecimal(), figures.GetProperty("position").GetDecimal());
            Assert.Equal(figures.GetProperty("venue_cash").GetDecimal(), figures.GetProperty("cash").GetDecimal());
            Assert.Equal(figures.GetProperty("venue_executions").GetInt32(), figures.GetProperty("executions").GetInt32());

            // One journal per instrument, holding its executions, each at a price of its own recording's range.
            string path = Path.Combine(journal.Folder, $"journal-{instrument.Name}.db");
            Assert.Equal(instrument.Name, Assert.Single(JournalReader.Load(path).Runs).Symbol);
            var fills = JournalReader.Fills(path);
            Assert.Equal(figures.GetProperty("journal_executions").GetInt32(), fills.Count);
            Assert.All(fills, f => Assert.InRange(f.Price, instrument.Name == "BTCUSDT" ? 55_000m : 2_300m, instrument.Name == "BTCUSDT" ? 65_000m : 2_800m));
            executions += fills.Count;
        }

        Assert.True(executions > 0, "no fill in 200 s of the two recordings");
    }

    [Theory]
    [InlineData(new[] { "trade", "--venue", "bybit", "--symbol", "BTCUSDT", "--symbol", "BTCUSDT", "--paper" }, "error: invalid symbol: a symbol is named twice: BTCUSDT, BTCUSDT")]
    [InlineData(new[] { "trade", "--venue", "bybit", "--symbol", "BTCUSDT", "--paper", "--max-net-exposure", "1000" }, "error: invalid max-exposure: the portfolio limits (--max-exposure, --max-net-exposure, --max-gross-notional) need several --symbol")]
    [InlineData(new[] { "trade", "--venue", "bybit", "--symbol", "BTCUSDT", "--symbol", "ETHUSDT", "--paper", "--max-gross-notional", "-5" }, "error: invalid portfolio_risk.max_gross_notional: must be positive (or absent for no limit), got -5")]
    public void AMistakeIsOneLine(string[] args, string message)
    {
        var (code, _, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal(message, error.Trim());
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = MmApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
