using System.Text.Json;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Engine;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Tests.Session;
using MarketMaking.Trading.Venues;
using static MarketMaking.Trading.Tests.Journal.JournalRuns;

namespace MarketMaking.Trading.Tests.Journal;

/// <summary>A position adopted from the venue enters the PnL at its adoption price, as a cost: its value is not profit.</summary>
public class AdoptedPositionPnlTests
{
    /// <summary>
    /// Adopt 2 at 100, sell 1 at 101 with fee 0.01, mark 102: cash = 101 − 0.01 = 100.99, adoption cost
    /// 2 × 100 = 200, position 1: PnL = 100.99 − 200 + 1 × 102 = 2.99 (it showed 100.99 + 102 = 202.99,
    /// the adopted 2 counted as profit). The report's run says the same.
    /// </summary>
    [Fact]
    public async Task TheAdoptedPositionIsCountedAtItsAdoptionPriceByTheJournalItsPnlViewAndTheReport()
    {
        using var temp = new TempJournal();
        await JournalRuns.WriteAsync(temp.Path, Start, journal =>
        {
            AdoptTwoAt100AndSellOneAt101(journal);
            journal.Decision(Start + (3 * Second), Start + (3 * Second), 3, 102, 1, 101.5, 102.5);
        });

        JournalState state = JournalReader.Load(temp.Path);
        Assert.Equal((1m, 100.99m, 200m), (state.Book.Position, state.Book.Cash, state.Book.AdoptionCost));
        Assert.Equal(2.99m, state.Book.Pnl(102m));

        using JsonDocument pnl = JournalRuns.Pnl(temp.Path);
        Assert.Equal(102m, pnl.RootElement.GetProperty("mark").GetDecimal());
        Assert.Equal(200m, pnl.RootElement.GetProperty("adoption_cost").GetDecimal());
        Assert.Equal(2.99m, pnl.RootElement.GetProperty("pnl").GetDecimal());

        RunResult run = Assert.Single(JournalReport.Rebuild(temp.Path, new MetricsOptions()));
        Assert.Equal(2.99, run.Metrics.NetPnl, 9);
    }

    /// <summary>
    /// Run 1 adopts 2 at 100 and sells 1 at 101 (fee 0.01): position 1, cash 100.99. Run 2 finds 3 on the
    /// venue and adopts them at 105: it replaces the 1 held, so 2 more are bought at 105 (cost 200 + 2 × 105
    /// = 410); the sell keeps its cash. Marked at 106: 100.99 − 410 + 3 × 106 = 8.99 — bought 2 at 100,
    /// sold 1 at 101 less 0.01, bought 2 at 105, holding 3 at 106: −200 + 100.99 − 210 + 318 = 8.99.
    /// </summary>
    [Fact]
    public async Task EachAdoptionReplacesThePositionBeforeItAtItsOwnPrice()
    {
        using var temp = new TempJournal();
        await JournalRuns.WriteAsync(temp.Path, Start, AdoptTwoAt100AndSellOneAt101);
        await JournalRuns.WriteAsync(temp.Path, Start + (10 * Second), journal =>
        {
            journal.Adoption(Start + (10 * Second), 3m);
            journal.AdoptionPrice(105m);
            journal.Decision(Start + (11 * Second), Start + (11 * Second), 1, 106, 3, 105.5, 106.5);
        });

        JournalState state = JournalReader.Load(temp.Path);
        Assert.Equal((3m, 100.99m, 410m), (state.Book.Position, state.Book.Cash, state.Book.AdoptionCost));
        using JsonDocument pnl = JournalRuns.Pnl(temp.Path);
        Assert.Equal(8.99m, pnl.RootElement.GetProperty("pnl").GetDecimal());
    }

    /// <summary>
    /// 2 adopted without a price between decisions at mid 98 and 100 are taken at 100, the first mid known
    /// after them (the price the session would have journaled at its next decision): cost 200, and with the
    /// sell of 1 at 101 (fee 0.01) marked at 102, PnL 100.99 − 200 + 102 = 2.99 in the journal's book, the
    /// pnl view and the report. Before, pnl counted them at no cost (202.99) and the report at the mid
    /// known before them, 98 (6.99).
    /// </summary>
    [Fact]
    public async Task AnAdoptionWithoutAPriceIsTakenAtTheFirstMidKnownAfterItByTheBookThePnlViewAndTheReport()
    {
        using var temp = new TempJournal();
        await JournalRuns.WriteAsync(temp.Path, Start, journal => JournalRuns.AdoptTwoWithoutAPriceBetweenMids98And100(journal, Start));
        Assert.Null(Assert.Single(JournalReader.Adoptions(temp.Path)).Price);

        JournalState state = JournalReader.Load(temp.Path);
        Assert.Equal((1m, 100.99m, 200m), (state.Book.Position, state.Book.Cash, state.Book.AdoptionCost));
        using JsonDocument pnl = JournalRuns.Pnl(temp.Path);
        Assert.Equal((102m, 200m, 2.99m), (pnl.RootElement.GetProperty("mark").GetDecimal(), pnl.RootElement.GetProperty("adoption_cost").GetDecimal(), pnl.RootElement.GetProperty("pnl").GetDecimal()));
        Assert.Equal(100m, JournalReader.PositionChanges(temp.Path)[0].Adoption!.Price);
        RunResult run = Assert.Single(JournalReport.Rebuild(temp.Path, new MetricsOptions()));
        Assert.Equal(2.99, run.Metrics.NetPnl, 9);
    }

    /// <summary>With no mid after it (the journal's last run stopped before deciding), the last mid known before it, 104, prices it: cost 3 × 104.</summary>
    [Fact]
    public async Task AnAdoptionWithoutAPriceAndNoMidAfterItIsTakenAtTheLastMidKnownBeforeIt()
    {
        using var temp = new TempJournal();
        await JournalRuns.WriteAsync(temp.Path, Start, journal => journal.Decision(Start + Second, Start + Second, 1, 104, 0, 103.5, 104.5));
        await JournalRuns.WriteAsync(temp.Path, Start + (10 * Second), journal => journal.Adoption(Start + (10 * Second), 3m));

        Assert.Equal(312m, JournalReader.Load(temp.Path).Book.AdoptionCost);
        using JsonDocument pnl = JournalRuns.Pnl(temp.Path);
        Assert.Equal((104m, 0m), (pnl.RootElement.GetProperty("mark").GetDecimal(), pnl.RootElement.GetProperty("pnl").GetDecimal()));
    }

    /// <summary>
    /// In a journal that holds no mid, an adoption without a price is taken at the first execution's price
    /// after it, the only price known then: a buy of 1 at 99 (fee 0.01), 3 adopted, sells of 1 at 101 and 1
    /// at 103 (fee 0.01 each), marked at the last execution, 103. The adoption buys 2 at 101 (cost 202), cash
    /// −99.01 + 100.99 + 102.99 = 104.97, position 1: PnL 104.97 − 202 + 103 = 5.97 in the book, the pnl view
    /// and the report. Before, pnl counted them at no cost (207.97) and the report at the run's first
    /// execution, 99 (9.97).
    /// </summary>
    [Fact]
    public async Task AnAdoptionWithoutAPriceInAJournalWithoutAMidIsTakenAtTheFirstExecutionAfterIt()
    {
        using var temp = new TempJournal();
        await JournalRuns.WriteAsync(temp.Path, Start, journal => JournalRuns.AdoptThreeWithoutAPriceAndNoMid(journal, Start));
        Assert.Null(Assert.Single(JournalReader.Adoptions(temp.Path)).Price);

        JournalState state = JournalReader.Load(temp.Path);
        Assert.Equal((1m, 104.97m, 202m), (state.Book.Position, state.Book.Cash, state.Book.AdoptionCost));
        Assert.Equal(101m, JournalReader.PositionChanges(temp.Path)[1].Adoption!.Price);
        using JsonDocument pnl = JournalRuns.Pnl(temp.Path);
        Assert.Equal((103m, 202m, 5.97m), (pnl.RootElement.GetProperty("mark").GetDecimal(), pnl.RootElement.GetProperty("adoption_cost").GetDecimal(), pnl.RootElement.GetProperty("pnl").GetDecimal()));
        RunResult run = Assert.Single(JournalReport.Rebuild(temp.Path, new MetricsOptions()));
        Assert.Equal(5.97, run.Metrics.NetPnl, 9);
    }

    /// <summary>
    /// With no execution after it either, the last one before it prices it: a buy of 1 at 99 (fee 0.01), then
    /// 3 adopted: 2 bought at 99 (cost 198), cash −99.01, marked at 99: PnL −99.01 − 198 + 3 × 99 = −0.01.
    /// </summary>
    [Fact]
    public async Task AnAdoptionWithoutAPriceNorAnythingAfterItIsTakenAtTheLastExecutionBeforeIt()
    {
        using var temp = new TempJournal();
        await JournalRuns.WriteAsync(temp.Path, Start, journal =>
        {
            journal.Fill(new VenueExecution("e0", "a-0", "o0", Side.Buy, 99m, 1m, 0.01m, true, Start + (Second / 2)), Start + (Second / 2));
            journal.Adoption(Start + Second, 3m);
        });

        using JsonDocument pnl = JournalRuns.Pnl(temp.Path);
        Assert.Equal((3m, 198m, -0.01m), (pnl.RootElement.GetProperty("position").GetDecimal(), pnl.RootElement.GetProperty("adoption_cost").GetDecimal(), pnl.RootElement.GetProperty("pnl").GetDecimal()));
        RunResult run = Assert.Single(JournalReport.Rebuild(temp.Path, new MetricsOptions()));
        Assert.Equal(-0.01, run.Metrics.NetPnl, 9);
    }

    /// <summary>
    /// A journal holding 3 adopted without a price and nothing else (neither a mid nor an execution) can price
    /// them in no way: they are left out of the PnL, which counts what is priced (no execution: 0), and every
    /// view says so. Before, pnl printed "PnL: no price seen yet" and --json a null PnL, and the report's run
    /// a PnL that left them out without a word.
    /// </summary>
    [Fact]
    public async Task AnAdoptionTheJournalCanPriceInNoWayIsLeftOutOfThePnlAndEveryViewSaysSo()
    {
        using var temp = new TempJournal();
        await JournalRuns.WriteAsync(temp.Path, Start, journal => journal.Adoption(Start + Second, 3m));
        const string Unpriced = "an adopted position of 3 is unpriced (the journal holds neither a mid nor an execution): left out of the PnL";

        JournalState state = JournalReader.Load(temp.Path);
        Assert.Equal((3m, 0m, 3m), (state.Book.Position, state.Book.AdoptionCost, state.UnpricedAdoption));
        Assert.Equal(Unpriced, state.UnpricedAdoptionText);

        using JsonDocument pnl = JournalRuns.Pnl(temp.Path);
        Assert.Equal(JsonValueKind.Null, pnl.RootElement.GetProperty("mark").ValueKind);
        Assert.Equal((0m, 3m), (pnl.RootElement.GetProperty("pnl").GetDecimal(), pnl.RootElement.GetProperty("unpriced_adoption").GetDecimal()));
        Assert.Equal($"PnL 0: {Unpriced}", JournalRuns.Print("journal", temp.Path, "pnl").Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);

        RunResult run = Assert.Single(JournalReport.Rebuild(temp.Path, new MetricsOptions()));
        Assert.Equal(0.0, run.Metrics.NetPnl);
        string html = Path.ChangeExtension(temp.Path, ".html");
        string[] report = JournalRuns.Print("journal", temp.Path, "report", "--out", html).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([Unpriced, $"report: {html}"], report[^2..]);
        Assert.DoesNotContain(report, line => line.Contains("NaN", StringComparison.Ordinal));
        Assert.Contains(Unpriced, File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASessionThatAdoptsAPositionEndsWithTheNetPnlOfItsJournal()
    {
        using var harness = new SessionHarness(messages: 600, positionOffset: 0.5m, settings: s => s with { AdoptPosition = true });
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(600);
        harness.Session.RequestStop();
        SessionResult result = await running;

        JournalAdoption adoption = Assert.Single(JournalReader.Adoptions(harness.JournalPath));
        Assert.Equal(0.5m * adoption.Price, result.AdoptionCost); // adopted from flat: 0.5 bought at the first decision's mid
        Assert.NotNull(result.Mark);
        Assert.Equal(JournalReader.Load(harness.JournalPath).Book.Pnl(result.Mark!.Value), result.NetPnl);
        using JsonDocument pnl = JournalRuns.Pnl(harness.JournalPath);
        Assert.Equal(result.NetPnl, pnl.RootElement.GetProperty("pnl").GetDecimal());
    }

    /// <summary>Adopts 2 at 100 (a decision at mid 100 holding them), then sells 1 at 101 with fee 0.01.</summary>
    private static void AdoptTwoAt100AndSellOneAt101(TradingJournal journal)
    {
        journal.Adoption(Start + (Second / 2), 2m);
        journal.AdoptionPrice(100m);
        journal.Decision(Start + Second, Start + Second, 1, 100, 2, 99.5, 100.5);
        journal.Fill(new VenueExecution("e1", "a-1", "o1", Side.Sell, 101m, 1m, 0.01m, true, Start + (2 * Second)), Start + (2 * Second));
    }
}
