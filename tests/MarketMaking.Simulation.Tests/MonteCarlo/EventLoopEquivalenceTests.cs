using MarketMaking.Core.Metrics;
using MarketMaking.Core.Risk;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Simulation.Tests.MonteCarlo;

/// <summary>
/// The vectorized engine and the event loop (strategy → order manager → risk gate → exchange →
/// ledger → metrics) must give the same numbers for the same seed, trajectory by trajectory.
/// </summary>
public class EventLoopEquivalenceTests
{
    private const int Trajectories = 11; // not a multiple of any vector width: exercises the partial group
    private const ulong Seed = 2024;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string market in Markets.Keys)
        {
            foreach (string strategy in new[] { "as", "as-rolling", "symmetric", "glft", "glft-exact", "cj", "fixed", "adaptive" })
            {
                data.Add(market, strategy);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, ModelMarketParameters> Markets = new()
    {
        ["as"] = new ModelMarketParameters(),
        ["rich"] = new ModelMarketParameters
        {
            Shock = MidShock.Gaussian,
            FillRule = FillRule.Exact,
            Drift = 0.5,
            AlphaReversion = 10,
            AlphaVolatility = 20,
            JumpIntensity = 5,
            JumpStd = 0.5,
            AdverseSelectionProbability = 0.4,
            AdverseSelectionSize = 0.3,
            MakerFeeRate = -0.0002,
        },
        ["hawkes"] = new ModelMarketParameters { Arrivals = ArrivalProcess.Hawkes, HawkesBranchingRatio = 0.6, HawkesDecay = 30 },
        ["costs"] = new ModelMarketParameters { MarketImpact = 0.05, MakerFeeRate = 0.0001 },

        // The AS market without a position limit: the engine's plain kernel (no feature flags read).
        ["unlimited"] = new ModelMarketParameters(),
    };

    /// <summary>The "unlimited" market runs without a position limit; the others at 6.</summary>
    private static double MaxPosition(string market) => market == "unlimited" ? double.PositiveInfinity : 6;

    /// <summary>The "costs" market also runs with slippage; the others without.</summary>
    private static double SlippageBps(string market) => market == "costs" ? 3 : 0;

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryTrajectoryMatches(string marketName, string strategyName)
    {
        ModelMarketParameters market = Markets[marketName];
        IQuotingStrategy strategy = Build(strategyName);
        double maxPosition = MaxPosition(marketName);
        const double initialInventory = 2;
        var engine = new MonteCarloEngine(market, new MonteCarloSettings { Trajectories = Trajectories, Seed = Seed, MaxPosition = maxPosition, InitialInventory = initialInventory, SlippageBps = SlippageBps(marketName) });
        TrajectoryOutcomes vector = engine.Run(strategy).Outcomes;

        var settings = new RunSettings
        {
            Risk = new RiskLimits { MaxPosition = maxPosition },
            InitialInventory = initialInventory,
            SlippageBps = SlippageBps(marketName),
            Metrics = new MetricsOptions { InventoryLimit = maxPosition, SamplePeriod = market.TimeStep },
        };
        for (int trajectory = 0; trajectory < Trajectories; trajectory++)
        {
            RunResult run = EventLoop.Run(new ModelMarket(market, Seed, trajectory), strategy, settings);
            RunMetrics m = run.Metrics;

            // Bit for bit: same fills, same cash, same inventory.
            Assert.Equal(vector.Pnl[trajectory], m.NetPnl);
            Assert.Equal(vector.FinalInventory[trajectory], m.FinalInventory);
            Assert.Equal(vector.Fills[trajectory], m.Fills);
            Assert.Equal(vector.Orders[trajectory], m.OrdersSubmitted);
            Assert.Equal(vector.Turnover[trajectory], m.Turnover, 12);
            Assert.Equal(vector.Fees[trajectory], m.NetFees, 12);
            Assert.Equal(vector.SlippageCost[trajectory], m.SlippageCost, 12);

            // Same definitions, summed in a different order.
            Assert.Equal(vector.MaxDrawdown[trajectory], m.MaxDrawdown, 9);
            Assert.Equal(vector.MaxAbsInventory[trajectory], m.MaxAbsInventory, 12);
            Assert.Equal(vector.AbsInventoryTime[trajectory] / market.Horizon, m.MeanAbsInventory, 9);
            Assert.Equal(vector.TimeAtLimit[trajectory] / market.Horizon, m.TimeAtLimitShare, 9);
            Assert.Equal(vector.LongSquaredInventoryTime[trajectory], m.LongSquaredInventoryTime, 9);
            Assert.Equal(vector.QuotedSpreadSum[trajectory] / vector.QuotedSpreadSteps[trajectory], m.AverageQuotedSpread, 9);
            Assert.Equal(vector.ShortSquaredInventoryTime[trajectory], m.ShortSquaredInventoryTime, 9);
            if (m.Fills > 0)
            {
                Assert.Equal(vector.EdgeSum[trajectory] / vector.Turnover[trajectory], m.AverageEdge, 9);
            }
        }
    }

    private static IQuotingStrategy Build(string name) => name switch
    {
        "as" => new AvellanedaStoikovStrategy(new AvellanedaStoikovParameters(0.1, 2, 1.5)),
        "symmetric" => new SymmetricAvellanedaStoikovStrategy(new AvellanedaStoikovParameters(0.1, 2, 1.5)),
        "glft" => new GlftApproximationStrategy(new GlftApproximationParameters(0.1, 2, 140, 1.5, MaxInventory: 3)),
        "glft-exact" => new GlftExactStrategy(new GlftExactParameters(0.1, 2, 140, 1.5, MaxInventory: 5)),
        "cj" => new CarteaJaimungalStrategy(new CarteaJaimungalParameters(140, 1.5, 0.2, 0.01, MaxInventory: 5)),
        "fixed" => StrategyCatalog.Create("fixed", new StrategySettings { SpreadBps = 150, MaxInventory = 6, SkewFactor = 0.5 }),
        "as-rolling" => StrategyCatalog.Create("as-rolling", new StrategySettings { RollingHorizon = 0.3 }),
        // Volatility scaling, an accelerating skew near the limit and an alpha skew (the "rich" market has an alpha).
        "adaptive" => StrategyCatalog.Create("adaptive", new StrategySettings { BaseSpread = 1.2, VolatilityReference = 1.5, MinSpread = 0.2, InventorySkew = 0.1, SkewAcceleration = 2, AlphaSkew = 0.05, MaxInventory = 6 }),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
