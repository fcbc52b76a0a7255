using MarketMaking.Core.Accounting;
using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Tests.Accounting;

public class LedgerTests
{
    private const double Tolerance = 1e-9;

    private static Fill Buy(double time, double price, double quantity, double fee = 0) =>
        new(time, 0, Side.Buy, price, quantity, fee, IsMaker: true, Mid: price);

    private static Fill Sell(double time, double price, double quantity, double fee = 0) =>
        new(time, 0, Side.Sell, price, quantity, fee, IsMaker: true, Mid: price);

    // The worked example: two buys, a sell that closes both lots and flips short, two buys that
    // close the short in halves, then a sell that opens a new short.
    private static Ledger WorkedExample(double initialCash)
    {
        var ledger = new Ledger(initialCash);
        ledger.Apply(Buy(1, 100, 2, fee: 0.1));
        ledger.Apply(Buy(2, 102, 1, fee: -0.05));
        ledger.Apply(Sell(3, 105, 4, fee: 0.2));
        ledger.Apply(Buy(4, 107, 0.5));
        ledger.Apply(Buy(5, 104, 0.5, fee: 0.01));
        ledger.Apply(Sell(6, 103, 1.5, fee: 0.03));
        return ledger;
    }

    [Fact]
    public void WorkedExampleMatchesHandComputedAccounts()
    {
        Ledger ledger = WorkedExample(initialCash: 0);

        // Cash: −200 − 0.1 = −200.1; −102 + 0.05 → −302.05; +420 − 0.2 → 117.75;
        //       −53.5 → 64.25; −52 − 0.01 → 12.24; +154.5 − 0.03 → 166.71.
        Assert.Equal(166.71, ledger.Cash, Tolerance);
        // Position: 2 + 1 − 4 + 0.5 + 0.5 − 1.5 = −1.5, one short lot at 103.
        Assert.Equal(-1.5, ledger.Position, Tolerance);
        Assert.Equal(103, ledger.AverageEntryPrice, Tolerance);
        // FIFO matches: 2@100 out at 105: +10; 1@102 out at 105: +3; short 0.5@105 bought at 107: −1;
        // short 0.5@105 bought at 104: +0.5. Realized = 12.5.
        Assert.Equal(12.5, ledger.RealizedPnl, Tolerance);
        // Short 1.5@103 marked at 101: −1·(101 − 103)·1.5 = +3.
        Assert.Equal(3, ledger.UnrealizedPnl(101), Tolerance);
        // Fees: paid 0.1 + 0.2 + 0.01 + 0.03 = 0.34; rebate 0.05; net 0.29.
        Assert.Equal(0.34, ledger.FeesPaid, Tolerance);
        Assert.Equal(0.05, ledger.RebatesReceived, Tolerance);
        Assert.Equal(0.29, ledger.NetFees, Tolerance);
        // Equity at 101: 166.71 − 1.5·101 = 15.21 = 12.5 + 3 − 0.29.
        Assert.Equal(15.21, ledger.Equity(101), Tolerance);
        // Turnover 2 + 1 + 4 + 0.5 + 0.5 + 1.5 = 9.5 over 6 fills.
        Assert.Equal(9.5, ledger.Turnover, Tolerance);
        Assert.Equal(6, ledger.Fills);
    }

    [Fact]
    public void WorkedExampleRoundTripsAreFifoMatches()
    {
        RoundTripStatistics trips = WorkedExample(initialCash: 0).RoundTrips;

        // Matches: +10, +3, −1, +0.5 → 4 trips, 3 wins, 1 loss, gross 12.5, win rate 0.75.
        Assert.Equal(4, trips.Count);
        Assert.Equal(3, trips.Wins);
        Assert.Equal(1, trips.Losses);
        Assert.Equal(12.5, trips.GrossPnl, Tolerance);
        Assert.Equal(0.75, trips.WinRate, Tolerance);
        // Holding time weighted by matched quantity: 2 units held 1→3 (2), 1 unit 2→3 (1),
        // 0.5 unit 3→4 (1), 0.5 unit 3→5 (2): (2·2 + 1·1 + 0.5·1 + 0.5·2) / 4 = 6.5 / 4.
        Assert.Equal(6.5 / 4, trips.MeanHoldingTime, Tolerance);
    }

    [Theory]
    [InlineData(0.0, 101.0)]
    [InlineData(1000.0, 101.0)]
    [InlineData(1000.0, 93.25)]
    public void EquityGainEqualsRealizedPlusUnrealizedMinusNetFees(double initialCash, double mark)
    {
        Ledger ledger = WorkedExample(initialCash);

        Assert.Equal(ledger.RealizedPnl + ledger.UnrealizedPnl(mark) - ledger.NetFees, ledger.Equity(mark) - initialCash, Tolerance);
    }

    [Fact]
    public void AverageEntryPriceWeighsOpenLotsAndIsNaNWhenFlat()
    {
        var ledger = new Ledger();
        ledger.Apply(Buy(1, 100, 2));
        ledger.Apply(Buy(2, 102, 1));
        // (2·100 + 1·102) / 3 = 302 / 3.
        Assert.Equal(302.0 / 3, ledger.AverageEntryPrice, Tolerance);

        ledger.Apply(Sell(3, 101, 2));
        // FIFO closed the 100 lot; only 1@102 is open.
        Assert.Equal(102, ledger.AverageEntryPrice, Tolerance);

        ledger.Apply(Sell(4, 101, 1));
        Assert.Equal(0, ledger.Position);
        Assert.True(double.IsNaN(ledger.AverageEntryPrice));
    }

    [Fact]
    public void ClosesOldestLotFirst()
    {
        var ledger = new Ledger();
        ledger.Apply(Buy(1, 100, 1));
        ledger.Apply(Buy(2, 110, 1));
        ledger.Apply(Sell(3, 120, 1));

        // FIFO matches the 100 lot: 120 − 100 = 20 (LIFO would give 10).
        Assert.Equal(20, ledger.RealizedPnl, Tolerance);
        Assert.Equal(110, ledger.AverageEntryPrice, Tolerance);
    }

    [Fact]
    public void ZeroPnlRoundTripIsNeitherWinNorLoss()
    {
        var ledger = new Ledger();
        ledger.Apply(Buy(1, 100, 1));
        ledger.Apply(Sell(2, 100, 1));

        RoundTripStatistics trips = ledger.RoundTrips;
        Assert.Equal(1, trips.Count);
        Assert.Equal(0, trips.Wins);
        Assert.Equal(0, trips.Losses);
        Assert.Equal(0, trips.WinRate);
    }

    [Fact]
    public void WinRateIsNaNBeforeAnyRoundTrip()
    {
        var ledger = new Ledger();
        ledger.Apply(Buy(1, 100, 1));

        Assert.Equal(0, ledger.RoundTrips.Count);
        Assert.True(double.IsNaN(ledger.RoundTrips.WinRate));
        Assert.True(double.IsNaN(ledger.RoundTrips.MeanHoldingTime));
    }

    [Fact]
    public void RoundOffInLotSplitsLeavesExactlyFlat()
    {
        // 0.1 + 0.2 − 0.3 = 5.55e-17 in binary; the two lots must both close.
        var twoLots = new Ledger();
        twoLots.Apply(Buy(1, 100, 0.1));
        twoLots.Apply(Buy(2, 100, 0.2));
        twoLots.Apply(Sell(3, 101, 0.3));
        Assert.Equal(0, twoLots.Position);
        Assert.True(double.IsNaN(twoLots.AverageEntryPrice));
        Assert.Equal(2, twoLots.RoundTrips.Count);

        // 0.3 − 0.1 = 0.19999999999999998; selling 0.2 more must not open a 2.8e-17 short.
        var oneLot = new Ledger();
        oneLot.Apply(Buy(1, 100, 0.3));
        oneLot.Apply(Sell(2, 101, 0.1));
        oneLot.Apply(Sell(3, 101, 0.2));
        Assert.Equal(0, oneLot.Position);
        Assert.True(double.IsNaN(oneLot.AverageEntryPrice));
        Assert.Equal(0, oneLot.UnrealizedPnl(150));
    }

    [Fact]
    public void LotQueueKeepsFifoOrderWhileWrappingAndGrowing()
    {
        var ledger = new Ledger();
        for (int i = 0; i < 50; i++)
        {
            ledger.Apply(Buy(i, 100 + i, 1));
            if (i % 2 == 1)
            {
                ledger.Apply(Sell(i, 200, 1));
            }
        }

        // 25 sells close the lots bought at 100..124 in order: Σ (200 − p) = 25·200 − (25·100 + 300) = 2200.
        Assert.Equal(2200, ledger.RealizedPnl, Tolerance);
        // Open: 25 lots at 125..149, mean 137.
        Assert.Equal(25, ledger.Position, Tolerance);
        Assert.Equal(137, ledger.AverageEntryPrice, Tolerance);
        // Unrealized at 150: Σ (150 − p) = 25·150 − 25·137 = 325.
        Assert.Equal(325, ledger.UnrealizedPnl(150), Tolerance);
    }

    [Theory]
    [InlineData(double.NaN, 100.0, 0.0)]
    [InlineData(0.0, 100.0, 0.0)]
    [InlineData(-1.0, 100.0, 0.0)]
    [InlineData(double.PositiveInfinity, 100.0, 0.0)]
    [InlineData(1.0, double.NaN, 0.0)]
    [InlineData(1.0, double.PositiveInfinity, 0.0)]
    [InlineData(1.0, 100.0, double.NaN)]
    public void RejectsMalformedFillWithoutChangingState(double quantity, double price, double fee)
    {
        var ledger = new Ledger();
        var fill = new Fill(1, 7, Side.Buy, price, quantity, fee, IsMaker: true, Mid: 100);

        Assert.Throws<ArgumentException>(() => ledger.Apply(fill));
        Assert.Equal(0, ledger.Fills);
        Assert.Equal(0, ledger.Cash);
        Assert.Equal(0, ledger.Position);
    }

    [Fact]
    public void ApplyDoesNotAllocateInSteadyState()
    {
        var ledger = new Ledger();
        void Cycle(int i)
        {
            ledger.Apply(Buy(i, 100, 2, fee: 0.01));
            ledger.Apply(Sell(i, 101, 3, fee: -0.01));
            ledger.Apply(Buy(i, 99, 1));
            _ = ledger.RoundTrips;
            _ = ledger.AverageEntryPrice;
        }

        long allocated = SteadyState.AllocatedBytes(pass =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                Cycle((pass * 10_000) + i);
            }
        });

        Assert.Equal(0, allocated);
    }
}
