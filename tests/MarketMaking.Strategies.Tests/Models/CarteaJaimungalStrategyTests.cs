using MarketMaking.Core.Errors;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Strategies.Tests.Models;

public class CarteaJaimungalStrategyTests
{
    private static readonly CarteaJaimungalParameters Defaults = new(ArrivalRate: 140, Kappa: 1.5, Phi: 0.01, TerminalPenalty: 0.001);

    [Fact]
    public void NoPenaltiesGiveOneOverKappaNearHorizon()
    {
        // φ = α = 0: z = 1 and M has a zero diagonal, so away from ±Q all ω_q agree to terms of order
        // (λτ/e)^20/20! ≈ 1e−30 at τ = dt: the depth is exactly 1/κ.
        var table = new CarteaJaimungalStrategy(Defaults with { Phi = 0, TerminalPenalty = 0 }).Table;
        var last = table.Steps - 1;

        for (var q = -5; q <= 5; q++)
        {
            Assert.Equal(1 / 1.5, table.BidDepth(last, q), 12);
            Assert.Equal(1 / 1.5, table.AskDepth(last, q), 12);
        }
    }

    [Fact]
    public void NoRunningPenaltyStationaryIsSine()
    {
        // φ = 0: M = −(λ/e)·(path adjacency), whose ground state is ω_j = sin(πj/(n+1)), j = q + Q + 1, n = 41,
        // so δ+(q) = 1/κ + (1/κ)·ln(sin(πj/42)/sin(π(j−1)/42)).
        var table = new CarteaJaimungalStrategy(Defaults with { Phi = 0 }).Table;

        for (var q = -19; q <= 20; q++)
        {
            var j = q + 21;
            var expected = (1 + Math.Log(Math.Sin(Math.PI * j / 42) / Math.Sin(Math.PI * (j - 1) / 42))) / 1.5;
            Assert.Equal(expected, table.AskDepth(-1, q), 11);
        }
    }

    [Fact]
    public void ThreeStatesMatchHandSolution()
    {
        // Q = 1, λ = 1, κ = 2, φ = 0.1, α = 0.5, τ = 1. b = λ/e = 0.367879, c = φκ = 0.2, z = (e^−1, 1, e^−1).
        // By symmetry ω_−1 = ω_1, and (ω_1, ω_0)' = K·(ω_1, ω_0) with K = [[−c, b], [2b, 0]]:
        // exp(Kτ) = e^(−cτ/2)·[cosh(sτ)·I + sinh(sτ)/s·(K + c/2·I)], s = √(c²/4 + 2b²) = 0.529784.
        // Bid at 0 = 1/κ + (1/κ)ln(ω_0/ω_1) = 0.845549 (scipy expm agrees); ask at 1 = 2/κ − that = 0.154451.
        const double b = 1 / Math.E, c = 0.2;
        var s = Math.Sqrt((c * c / 4) + (2 * b * b));
        var z1 = Math.Exp(-1);
        var omega1 = (Math.Cosh(s) * z1) + (Math.Sinh(s) / s * ((-c / 2 * z1) + b));
        var omega0 = Math.Cosh(s) + (Math.Sinh(s) / s * ((2 * b * z1) + (c / 2)));
        var expectedBid = 0.5 + (0.5 * Math.Log(omega0 / omega1));

        var table = new CarteaJaimungalStrategy(new CarteaJaimungalParameters(1, 2, 0.1, 0.5, MaxInventory: 1, TimeStep: 0.01)).Table;

        Assert.Equal(0.845549, expectedBid, 6);
        Assert.Equal(expectedBid, table.BidDepth(0, 0), 12);
        Assert.Equal(1 - expectedBid, table.AskDepth(0, 1), 12);
        Assert.Equal(table.BidDepth(0, 0), table.AskDepth(0, 0), 12);
    }

    [Fact]
    public void DepthsAreMirrorImages()
    {
        // δ+(q) = δ−(−q) at every time.
        var table = new CarteaJaimungalStrategy(Defaults).Table;

        foreach (var step in new[] { -1, 0, 137, table.Steps - 1 })
        {
            for (var q = -19; q <= 20; q++)
            {
                Assert.Equal(table.AskDepth(step, q), table.BidDepth(step, -q), 12);
            }
        }
    }

    [Fact]
    public void LongerPositionSellsCloserAndBuysFurther()
    {
        var table = new CarteaJaimungalStrategy(Defaults).Table;

        foreach (var step in new[] { -1, 0, table.Steps - 1 })
        {
            for (var q = -20; q < 19; q++)
            {
                Assert.True(table.BidDepth(step, q + 1) > table.BidDepth(step, q));
                Assert.True(table.AskDepth(step, q + 2) < table.AskDepth(step, q + 1));
            }
        }
    }

    [Fact]
    public void TerminalPenaltyMattersOnlyNearHorizon()
    {
        // α = 0 vs α = 0.1 with φ > 0: depths differ near T but the stationary row ignores z.
        var mild = new CarteaJaimungalStrategy(Defaults with { TerminalPenalty = 0 }).Table;
        var harsh = new CarteaJaimungalStrategy(Defaults with { TerminalPenalty = 0.1 }).Table;
        var last = mild.Steps - 1;

        Assert.True(harsh.AskDepth(last, 5) < mild.AskDepth(last, 5) - 0.1);
        Assert.Equal(mild.AskDepth(-1, 5), harsh.AskDepth(-1, 5), 12);
    }

    [Fact]
    public void WithdrawsAtInventoryLimit()
    {
        var strategy = new CarteaJaimungalStrategy(Defaults with { MaxInventory = 4, OrderQuantity = 0.5 });

        var longLimit = strategy.Decide(Contexts.At(100, 2, 0.5));
        var shortLimit = strategy.Decide(Contexts.At(100, -2, 0.5));
        var inside = strategy.Decide(Contexts.At(100, 1.5, 0.5));

        Assert.Equal((0, 1), (longLimit.BidCount, longLimit.AskCount));
        Assert.Equal((1, 0), (shortLimit.BidCount, shortLimit.AskCount));
        Assert.Equal((1, 1), (inside.BidCount, inside.AskCount));
        Assert.Equal(0.5, inside.Asks[0].Quantity);
    }

    [Fact]
    public void RejectsBadParameters()
    {
        Assert.Equal("A", Assert.Throws<InvalidParameterException>(() => new CarteaJaimungalStrategy(Defaults with { ArrivalRate = 0 })).Parameter);
        Assert.Equal("phi", Assert.Throws<InvalidParameterException>(() => new CarteaJaimungalStrategy(Defaults with { Phi = -1 })).Parameter);
        Assert.Equal("terminal_penalty", Assert.Throws<InvalidParameterException>(() => new CarteaJaimungalStrategy(Defaults with { TerminalPenalty = -1 })).Parameter);
        Assert.Equal("kappa", Assert.Throws<InvalidParameterException>(() => new CarteaJaimungalStrategy(Defaults with { Kappa = -1 })).Parameter);
    }
}
