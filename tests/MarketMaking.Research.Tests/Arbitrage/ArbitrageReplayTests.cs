using MarketMaking.Core.Orders;
using MarketMaking.Research.Arbitrage;
using MarketMaking.Research.Replay;
using MarketMaking.Simulation.Arbitrage;
using MarketMaking.Simulation.Hedging;
using MarketMaking.Tests.Samples;

namespace MarketMaking.Research.Tests.Arbitrage;

/// <summary>The arbitrage scan on the real Binance files that share a clock, checked by invariants.</summary>
public class ArbitrageReplayTests
{
    [SharedDataFact]
    public void OnEthSpotUsdmAndCoinMAHigherFeeOnlyEverShortensTheCrossings()
    {
        (string, string)[] files = [(SharedData.BinanceSpotEth, "binance-spot"), (SharedData.BinanceUsdmEth, "binance-usdm"), (SharedData.BinanceCoinMEth, "binance-cm")];
        ArbitrageSummary low = ArbitrageReplay.Run(files, [0.0001, 0.0001, 0.0001], LatencySpec.None, 1, takeSize: null);
        ArbitrageSummary high = ArbitrageReplay.Run(files, [0.0002, 0.0002, 0.0002], LatencySpec.None, 1, takeSize: null);

        Assert.Equal(6, low.Pairs.Count);
        Assert.True(high.Episodes.Count > 10, $"{high.Episodes.Count} episodes at 2 bp");
        Assert.Equal("ETHUSD_PERP (binance-cm)", low.Venues[2]);

        // Crossed after a 2 bp fee implies crossed after 1 bp at the same message: every 2 bp episode lies inside one of 1 bp.
        Assert.All(high.Episodes, e => Assert.Contains(low.Episodes, l =>
            l.SellVenue == e.SellVenue && l.BuyVenue == e.BuyVenue && l.Start <= e.Start && l.End >= e.End));
        foreach (ArbitrageSummary scan in new[] { low, high })
        {
            Assert.All(scan.Episodes, e => Assert.True(e.EdgeAtStart > 0 && e.BestEdge >= e.EdgeAtStart && e.SizeAtStart > 0 && e.ProfitAtStart > 0 && e.End >= e.Start));

            // A pair's episodes never overlap, and its summary is the sum of its episodes.
            foreach (var pair in scan.Episodes.GroupBy(e => (e.SellVenue, e.BuyVenue)))
            {
                ArbitrageEpisode[] ordered = [.. pair.OrderBy(e => e.Start)];
                Assert.All(ordered.Skip(1).Zip(ordered), p => Assert.True(p.First.Start >= p.Second.End));
                ArbitragePairSummary summary = scan.Pairs.Single(p => p.Sell == scan.Venues[pair.Key.SellVenue] && p.Buy == scan.Venues[pair.Key.BuyVenue]);
                Assert.Equal(ordered.Length, summary.Episodes);
                Assert.Equal(ordered.Sum(e => e.Seconds), summary.Seconds, 9);
            }
        }

        Assert.True(low.Pairs.Sum(p => p.Seconds) > high.Pairs.Sum(p => p.Seconds));
    }

    [SharedDataFact]
    public void TakingBtcSpotAgainstThePerpetualSendsBothLegsThatEachWaitTheirLatencyAndPayTheirFee()
    {
        (string, string)[] files = [(SharedData.BinanceSpotBtc, "binance-spot"), (SharedData.BinanceUsdm, "binance-usdm")];
        ArbitrageSummary scan = ArbitrageReplay.Run(files, [0.0002, 0.0002], LatencySpec.Constant(TimeSpan.FromMilliseconds(5)), 1, takeSize: 0.01);
        ArbitrageTakeSummary taken = scan.Taken!;

        Assert.True(taken.Sent > 10, $"{taken.Sent} takes");
        Assert.Equal(scan.Episodes.Count, taken.Sent + taken.SkippedBusy + taken.SkippedBelowLot);
        Assert.Equal(taken.Sold, taken.Bought, 9); // whole lots of both venues (0.00001 and 0.001 BTC) at most 0.01
        Assert.All(taken.Takes, t =>
        {
            Assert.True(t.Requested <= 0.01 && t.ExpectedEdge > 0);
            foreach (HedgeExecution leg in new[] { t.Sell!.Value, t.Buy!.Value })
            {
                Assert.True(leg.ExecutedAt >= t.DecidedAt + 5_000_000, "a leg crosses no book received before it arrives");
                Assert.True(leg.Side == Side.Buy ? leg.AveragePrice >= leg.Touch * (1 - 1e-12) : leg.AveragePrice <= leg.Touch * (1 + 1e-12)); // at or beyond the touch, to rounding
                Assert.Equal(0.0002 * leg.AveragePrice * leg.Quantity, leg.Fee, 9);
            }
        });
        Assert.Equal(taken.Takes.Sum(t => t.Sell!.Value.Fee + t.Buy!.Value.Fee), taken.Fees, 9);
    }
}
