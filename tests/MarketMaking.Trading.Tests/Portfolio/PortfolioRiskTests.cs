using MarketMaking.Core.Orders;
using MarketMaking.Core.Risk;
using MarketMaking.Trading.Portfolio;

namespace MarketMaking.Trading.Tests.Portfolio;

/// <summary>The portfolio limits across instruments, on hand-computed exposures (A at 100, B at 50).</summary>
public class PortfolioRiskTests
{
    [Fact]
    public void AnOrderThatWouldTakeTheNetExposurePastItsLimitIsRefusedOneThatStaysWithinIsNot()
    {
        var risk = new PortfolioRisk(["AUSDT", "BUSDT"], new PortfolioRiskLimits { MaxNetExposure = 1000 });
        risk.Seat(0).Mark(5, 100, 0); // A: +500

        // B buying to 12 at 50 would make the net 500 + 600 = 1100; to 10, exactly 1000.
        Assert.False(risk.Seat(1).Allows(0, 12, 50));
        Assert.True(risk.Seat(1).Allows(0, 10, 50));

        // Selling B offsets A: −12 × 50 = −600, net −100.
        Assert.True(risk.Seat(1).Allows(0, -12, 50));
        Assert.Equal(1, risk.State().Refusals);
    }

    [Fact]
    public void TheGrossNotionalCountsLongAndShortAlikeAndTheInstrumentLimitEachAlone()
    {
        var risk = new PortfolioRisk(["AUSDT", "BUSDT"], new PortfolioRiskLimits
        {
            Instruments = [new InstrumentExposureLimit(800), new InstrumentExposureLimit(800)],
            MaxGrossNotional = 1000,
        });
        risk.Seat(0).Mark(5, 100, 0); // |A| = 500

        // B short 12 at 50: net −100 but gross 500 + 600 = 1100 > 1000.
        Assert.False(risk.Seat(1).Allows(0, -12, 50));
        Assert.True(risk.Seat(1).Allows(0, -10, 50));

        // A alone to 9 at 100 = 900 > its 800, whatever B does.
        Assert.False(risk.Seat(0).Allows(5, 9, 100));
    }

    [Fact]
    public void EveryInstrumentsOpenOrdersCountAsFilledAndAnAllowedOrderCountsAtOnce()
    {
        var risk = new PortfolioRisk(["AUSDT", "BUSDT"], new PortfolioRiskLimits { MaxGrossNotional = 300, MaxNetExposure = 300 });

        // A flat with 2 bought at 100 still open: B buying 2 at 50 would make 200 + 100 = 300, within; 3 would be 350.
        risk.Seat(0).Mark(0, 100, 0, openBuys: 2);
        risk.Seat(1).Mark(0, 50, 0);
        Assert.True(risk.Seat(1).Allows(0, 2, 50));
        Assert.False(risk.Seat(1).Allows(0, 3, 50));

        // B's allowed bid now counts for A at once (before B's session marks again): A buying 1 more at 100 is 300 + 100 > 300.
        Assert.False(risk.Seat(0).Allows(0, 3, 100));

        // A's sells may fill instead of its buys: the gross counts the larger side in size, the net each direction.
        risk.Seat(0).Mark(0, 100, 0, openBuys: 0, openSells: 2);
        risk.Seat(1).Mark(0, 50, 0);
        Assert.False(risk.Seat(1).Allows(0, 3, 50)); // gross 200 + 150 = 350 > 300 (net −50)
        Assert.True(risk.Seat(1).Allows(0, -2, 50));  // net −300, gross 300: within both

        // Marks with nothing open put both back at their positions: 150 + 0 is within.
        risk.Seat(0).Mark(0, 100, 0);
        risk.Seat(1).Mark(0, 50, 0);
        Assert.True(risk.Seat(1).Allows(0, 3, 50));
        Assert.Equal(3, risk.State().Refusals);
    }

    [Fact]
    public void AnOrderThatBringsThePositionTowardZeroIsAlwaysAllowed()
    {
        var risk = new PortfolioRisk(["AUSDT", "BUSDT"], new PortfolioRiskLimits { MaxGrossNotional = 100 });
        risk.Seat(0).Mark(5, 100, 0); // already 500 over a limit of 100 (the limit was lowered, or prices moved)

        Assert.True(risk.Seat(0).Allows(5, 4, 100));
        Assert.False(risk.Seat(0).Allows(5, 6, 100));
    }

    [Fact]
    public void TheStateSumsTheInstrumentsAndShowsTheLimits()
    {
        var risk = new PortfolioRisk(["AUSDT", "BUSDT"], new PortfolioRiskLimits { MaxNetExposure = 2000, MaxGrossNotional = 3000 });
        risk.Seat(0).Mark(5, 100, 0);
        risk.Seat(1).Mark(-4, 50, 0);

        PortfolioState state = risk.State();

        Assert.Equal([500.0, -200.0], state.Instruments.Select(i => i.Exposure));
        Assert.Equal((300.0, 700.0, 2000.0, 3000.0), (state.NetExposure, state.GrossNotional, state.MaxNetExposure, state.MaxGrossNotional));
        Assert.All(state.Instruments, i => Assert.Equal(double.PositiveInfinity, i.MaxExposure));
    }

    [Fact]
    public void TheRiskGateRefusesWhatThePortfolioRefusesWithItsOwnReason()
    {
        var risk = new PortfolioRisk(["AUSDT", "BUSDT"], new PortfolioRiskLimits { MaxGrossNotional = 1000 });
        risk.Seat(0).Mark(8, 100, 0); // 800 of 1000
        var gate = new RiskGate(new RiskLimits()) { Portfolio = risk.Seat(1) };

        // B at 50: a bid of 3 with one open bid of 2 could make B +5 → 250, gross 1050.
        Assert.Equal(RejectReason.PortfolioLimit, gate.Check(Side.Buy, 50, 3, 50, 0, 2));
        Assert.Equal(RejectReason.None, gate.Check(Side.Buy, 50, 2, 50, 0, 2));
        Assert.Equal(1, gate.Rejections(RejectReason.PortfolioLimit));
    }

    [Fact]
    public void ThePortfolioNeedsOneLimitPerInstrument()
    {
        var error = Assert.Throws<Core.Errors.InvalidParameterException>(() => new PortfolioRisk(["AUSDT", "BUSDT"], new PortfolioRiskLimits { Instruments = [new InstrumentExposureLimit(5)] }));
        Assert.Contains("portfolio_risk.instruments", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInstrumentsLimitShrinksByItsReferenceOverTheEwmaVolatilityOfTheMidsItsSessionMarks()
    {
        var risk = new PortfolioRisk(["AUSDT", "BUSDT"], new PortfolioRiskLimits
        {
            Instruments = [new InstrumentExposureLimit(1000, VolatilityReference: 0.01), new InstrumentExposureLimit(1000, VolatilityReference: 0.01)],
            VolatilityHalfLife = TimeSpan.FromSeconds(10),
        });
        risk.Seat(0).Mark(0, 100, 0);
        Assert.True(risk.Seat(0).Allows(0, 2, 100));     // no return yet: the base limit, 200 within 1000

        risk.Seat(0).Mark(0, 110, 1);                     // one return ln 1.1 over 1 s: σ_t = ln 1.1
        double limit = 1000 * 0.01 / Math.Log(1.1);       // 104.9
        Assert.Equal(limit, risk.State().Instruments[0].MaxExposure, 9);
        Assert.False(risk.Seat(0).Allows(0, 2, 110));    // 220 above 104.9, though within the base 1000
        Assert.True(risk.Seat(0).Allows(0, 0.9, 110));    // 99 within
        Assert.Equal(1, risk.Refusals);
        Assert.Equal(1000, risk.State().Instruments[1].MaxExposure); // B has not moved
    }
}
