using MarketMaking.Core.Accounting;
using MarketMaking.Core.Errors;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Simulation.Tests.MonteCarlo;

public class MonteCarloEngineTests
{
    private static readonly AvellanedaStoikovStrategy As = new(new AvellanedaStoikovParameters(0.1, 2, 1.5));

    [Fact]
    public void SameSeedGivesIdenticalNumbersWhateverTheThreadCount()
    {
        var market = new ModelMarketParameters { Shock = MidShock.Gaussian, JumpIntensity = 3, JumpStd = 1 };
        TrajectoryOutcomes one = new MonteCarloEngine(market, new MonteCarloSettings { Trajectories = 257, Seed = 9, Threads = 1 }).Run(As).Outcomes;
        TrajectoryOutcomes two = new MonteCarloEngine(market, new MonteCarloSettings { Trajectories = 257, Seed = 9, Threads = 2 }).Run(As).Outcomes;
        Assert.Equal(one.NetPnl.ToArray(), two.NetPnl.ToArray());
        Assert.Equal(one.Inventory.ToArray(), two.Inventory.ToArray());
    }

    [Fact]
    public void ReusedBufferIsOverwrittenWithTheSameNumbers()
    {
        var engine = new MonteCarloEngine(new ModelMarketParameters(), new MonteCarloSettings { Trajectories = 50, Seed = 4 });
        var glft = new GlftApproximationStrategy(new GlftApproximationParameters(0.1, 2, 140, 1.5));
        double[] fresh = engine.Run(As).Outcomes.NetPnl.ToArray();

        var buffer = new TrajectoryOutcomes(50);
        engine.Run(glft, buffer);
        engine.Run(As, buffer);
        Assert.Equal(fresh, buffer.NetPnl.ToArray());
        Assert.Throws<ArgumentException>(() => engine.Run(As, new TrajectoryOutcomes(49)));
    }

    [Fact]
    public void TrajectoriesAreIndependentStreams()
    {
        TrajectoryOutcomes a = new MonteCarloEngine(new ModelMarketParameters(), new MonteCarloSettings { Trajectories = 64, Seed = 1 }).Run(As).Outcomes;
        TrajectoryOutcomes b = new MonteCarloEngine(new ModelMarketParameters(), new MonteCarloSettings { Trajectories = 64, Seed = 2 }).Run(As).Outcomes;

        // Different seeds share no path; within a run, no two trajectories share a path.
        Assert.Empty(a.NetPnl.ToArray().Intersect(b.NetPnl.ToArray()));
        Assert.Equal(64, a.NetPnl.ToArray().Distinct().Count());

        // A trajectory's numbers do not depend on how many others run with it.
        TrajectoryOutcomes prefix = new MonteCarloEngine(new ModelMarketParameters(), new MonteCarloSettings { Trajectories = 5, Seed = 1 }).Run(As).Outcomes;
        Assert.Equal(a.NetPnl[..5].ToArray(), prefix.NetPnl.ToArray());
    }

    [Fact]
    public void PositionLimitIsNeverExceededAndIsReached()
    {
        var symmetric = new SymmetricAvellanedaStoikovStrategy(new AvellanedaStoikovParameters(0.1, 2, 1.5));
        var engine = new MonteCarloEngine(new ModelMarketParameters(), new MonteCarloSettings { Trajectories = 200, Seed = 3, MaxPosition = 3 });
        MonteCarloResult result = engine.Run(symmetric);
        Assert.All(result.Outcomes.MaxAbsInventory, q => Assert.True(q <= 3));
        MonteCarloSummary summary = result.Summarize(0.1);
        Assert.Equal(3, summary.MaxAbsInventoryMean, 0); // nearly every run hits the limit at some point
        Assert.InRange(summary.TimeAtLimitShare, 0.01, 0.9);
    }

    [Fact]
    public void PenalizedPnlSubtractsTheRunningPenaltyOfEachSide()
    {
        // Penalized PnL = PnL − 0.5·∫q²dt (long) − 2·∫q²dt (short), run by run.
        var market = new ModelMarketParameters();
        MonteCarloResult result = new MonteCarloEngine(market, new MonteCarloSettings { Trajectories = 64, Seed = 8, InitialInventory = 3 }).Run(As);
        TrajectoryOutcomes o = result.Outcomes;
        MonteCarloSummary none = result.Summarize(0.1);
        MonteCarloSummary asymmetric = result.Summarize(0.1, new InventoryPenalty(LongLambda: 0.5, ShortLambda: 2));

        double expected = 0;
        for (int i = 0; i < o.Count; i++)
        {
            Assert.True(o.LongSquaredInventoryTime[i] >= 0 && o.ShortSquaredInventoryTime[i] >= 0);
            expected += o.Pnl[i] - (0.5 * o.LongSquaredInventoryTime[i]) - (2 * o.ShortSquaredInventoryTime[i]);
        }

        Assert.Equal(none.ProfitMean, none.PenalizedPnlMean, 12);
        Assert.Equal(expected / o.Count, asymmetric.PenalizedPnlMean, 9);

        // Holding 3 for the first step alone contributes 9·dt to the long part of every run.
        Assert.All(o.LongSquaredInventoryTime, value => Assert.True(value >= 9 * market.TimeStep - 1e-12));
    }

    [Fact]
    public void WithoutVolatilityProfitIsExactlyCashFromSpreads()
    {
        // σ = 0: the mid never moves, so PnL = Σ over fills of the depth earned = AverageEdge · turnover.
        var market = new ModelMarketParameters { Sigma = 0 };
        MonteCarloResult result = new MonteCarloEngine(market, new MonteCarloSettings { Trajectories = 40, Seed = 5 }).Run(As);
        TrajectoryOutcomes o = result.Outcomes;
        for (int i = 0; i < o.Count; i++)
        {
            Assert.Equal(o.EdgeSum[i], o.Pnl[i], 9);
            Assert.Equal(100, o.FinalMid[i]);
        }
    }

    [Theory]
    [InlineData(-1.0, "sigma")]
    [InlineData(double.NaN, "sigma")]
    public void BadSigmaIsNamed(double sigma, string parameter)
    {
        InvalidParameterException e = Assert.Throws<InvalidParameterException>(() => new MonteCarloEngine(new ModelMarketParameters { Sigma = sigma }, new MonteCarloSettings()));
        Assert.Equal(parameter, e.Parameter);
    }

    [Fact]
    public void StepLongerThanHorizonIsRefused()
    {
        InvalidParameterException e = Assert.Throws<InvalidParameterException>(() => new ModelMarketParameters { TimeStep = 2 }.Validate());
        Assert.Equal("dt", e.Parameter);
        Assert.Contains("must not exceed the horizon", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.5)]
    public void NonPositiveKappaIsRefused(double kappa) =>
        Assert.Equal("kappa", Assert.Throws<InvalidParameterException>(() => new ModelMarketParameters { Kappa = kappa }.Validate()).Parameter);

    [Fact]
    public void ZeroTrajectoriesIsRefused() =>
        Assert.Equal("sims", Assert.Throws<InvalidParameterException>(() => new MonteCarloSettings { Trajectories = 0 }.Validate()).Parameter);
}
