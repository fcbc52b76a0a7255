using MarketMaking.Core.Risk;
using MarketMaking.Simulation.Agents;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Bybit;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Portfolio;
using MarketMaking.Trading.Session;
using MarketMaking.Venue;
using MarketMaking.Venue.Exchange;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Trading.Tests.Acceptance;

/// <summary>Two instruments traded at once against the local venue listing both, one engine each, under portfolio limits.</summary>
public class PortfolioSessionTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string[] Symbols = ["AAAUSDT", "BBBUSDT"];

    [Fact]
    public async Task TwoSymbolsEndWithNothingOpenAndEachInstrumentsPositionAndCashAreTheVenues()
    {
        var fundamentals = new CorrelatedFundamentals(2, 0.8, 3);
        var market = new AgentMarketParameters { Symbol = "SIM", WarmUp = 30 };
        await using LocalVenue local = await LocalVenue.StartAsync(
            [(Symbols[0], new AgentVenueMarket(market, 7, fundamentals, 0)), (Symbols[1], new AgentVenueMarket(market, 8, fundamentals, 1))],
            new VenueSettings { Speed = 10, InitialBalance = LocalVenues.InitialBalance });
        using var journal = new TempJournal();

        // At about 100 a lot, 250 of gross notional holds two lots, open bids and asks counted as filled.
        const double gross = 250;
        var risk = new PortfolioRisk(Symbols, new PortfolioRiskLimits { MaxGrossNotional = gross });
        var venues = Symbols.Select(_ => new BybitVenue(local.Environment, local.Credentials, requestTimeout: TimeSpan.FromSeconds(5))).ToList();
        try
        {
            var sessions = Symbols.Select((symbol, i) => new TradingSession(venues[i], new SessionSettings
            {
                Symbol = symbol,
                StrategyName = "touch",
                JournalPath = Path.Combine(journal.Folder, $"journal-{symbol}.db"),
                Duration = TimeSpan.FromSeconds(20),
                StaleAfter = TimeSpan.FromSeconds(3),
                RateLimits = SessionSettings.DefaultRateLimits.ToDictionary(l => l.Key, l => Math.Max(1, l.Value / 2)),
                Portfolio = risk.Seat(i),
            }, _ => new TouchStrategy(1))).ToList();

            PortfolioResult result = await new PortfolioSession(sessions, risk).RunAsync();
            output.WriteLine(PortfolioJson.Final(result));

            for (int i = 0; i < Symbols.Length; i++)
            {
                SessionResult r = result.Instruments[i];
                VenueState state = await local.StateAsync(Symbols[i]);
                Assert.Equal(0, r.OrdersOpenAtEnd);
                Assert.Empty(state.OpenOrders);
                Assert.Equal(state.Position, r.Position);
                Assert.Equal(state.Cash - LocalVenues.InitialBalance, r.Cash);
                Assert.True(state.Executions.Count > 0, $"{Symbols[i]} never traded");
                Assert.All(state.Executions, x => Assert.Equal(Symbols[i], x.Symbol));
                Assert.Equal(state.Executions.Select(e => e.ExecId).Order(StringComparer.Ordinal), JournalReader.Fills(r.JournalPath).Select(f => f.ExecutionId).Order(StringComparer.Ordinal));
            }

            // The touch strategy always wants both sides: the limit held it back, and the positions
            // never passed it (a few percent of slack for the mids' moves since the orders were checked).
            Assert.True(result.Portfolio.Refusals > 0, "the portfolio limit never refused an order");
            decimal notional = 0;
            foreach (string symbol in Symbols)
            {
                VenueState state = await local.StateAsync(symbol);
                notional += Math.Abs(state.Position) * state.MarkPrice;
            }

            Assert.InRange((double)notional, 0, gross * 1.05);
            Assert.Equal(result.Instruments.Sum(r => r.Cash + (r.Position * r.Mark!.Value)), result.NetPnl); // cash + position × mark, to the last decimal
        }
        finally
        {
            foreach (BybitVenue venue in venues)
            {
                await venue.DisposeAsync();
            }
        }
    }
}
