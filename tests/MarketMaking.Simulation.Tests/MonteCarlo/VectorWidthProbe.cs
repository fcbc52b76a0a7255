using System.Globalization;
using System.Numerics;
using System.Text;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Simulation.Tests.MonteCarlo;

/// <summary>
/// Runs the vectorized engine on several markets and strategies and writes every per-trajectory
/// outcome as its exact bits, after a first line giving the lanes per vector. The width test runs it
/// in child processes started with different vector widths (<see cref="Program"/>).
/// </summary>
internal static class VectorWidthProbe
{
    public const string Command = "vector-width-probe";

    // Not a multiple of any vector width, nor of a block: partial groups and blocks are exercised.
    private const int Trajectories = 37;

    public static string Report()
    {
        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"lanes {Vector<double>.Count}\n");
        var markets = new (string Name, ModelMarketParameters Parameters)[]
        {
            ("as", new ModelMarketParameters()),
            ("rich", new ModelMarketParameters { Shock = MidShock.Gaussian, FillRule = FillRule.Exact, Drift = 0.5, AlphaReversion = 10, AlphaVolatility = 20, JumpIntensity = 5, JumpStd = 0.5, AdverseSelectionProbability = 0.4, AdverseSelectionSize = 0.3, MakerFeeRate = -0.0002 }),
            ("hawkes", new ModelMarketParameters { Arrivals = ArrivalProcess.Hawkes, HawkesBranchingRatio = 0.6, HawkesDecay = 30, MarketImpact = 0.05 }),
        };

        // A linear policy (as), an inventory table (glft-exact) and the per-lane adapter (adaptive).
        foreach (string strategyName in new[] { "as", "glft-exact", "adaptive" })
        {
            IQuotingStrategy strategy = StrategyCatalog.Create(strategyName, new StrategySettings { MaxInventory = 5, AlphaSkew = 0.05 });
            foreach ((string marketName, ModelMarketParameters market) in markets)
            {
                var settings = new MonteCarloSettings { Trajectories = Trajectories, Seed = 77, Threads = 2, MaxPosition = 5, InitialInventory = 1, SlippageBps = 2 };
                Append(report, $"{strategyName} on {marketName}", new MonteCarloEngine(market, settings).Run(strategy).Outcomes);
            }

            // Without limit or slippage the AS market runs the engine's plain kernel.
            var plain = new MonteCarloSettings { Trajectories = Trajectories, Seed = 77, Threads = 2, InitialInventory = 1 };
            Append(report, $"{strategyName} on as, plain", new MonteCarloEngine(new ModelMarketParameters(), plain).Run(strategy).Outcomes);
        }

        // The fill table at every size its AVX-512 lookup reads differently: one, two and four 16-entry
        // chunks a side (±3; ±12; ±20 with padding, ±24), and ±32 (Q = 40) where q = 32 is left to the
        // exponentials; started near the bound with a low γ so the inventories reach the table's ends.
        foreach (int bound in new[] { 3, 12, 20, 24, 40 })
        {
            IQuotingStrategy strategy = StrategyCatalog.Create("glft", new StrategySettings { MaxInventory = bound, Gamma = 0.02 });
            var settings = new MonteCarloSettings { Trajectories = Trajectories, Seed = 78, Threads = 2, InitialInventory = bound - 2 };
            Append(report, $"glft, Q = {bound}, plain", new MonteCarloEngine(new ModelMarketParameters { Sigma = 6 }, settings).Run(strategy).Outcomes);
        }

        return report.ToString();
    }

    private static void Append(StringBuilder report, string title, TrajectoryOutcomes o)
    {
        report.Append(CultureInfo.InvariantCulture, $"{title}\n");
        foreach (double[] values in new[] { o.Pnl, o.FinalInventory, o.FinalMid, o.Fees, o.SlippageCost, o.Fills, o.Orders, o.Turnover, o.EdgeSum, o.CaptureEdgeSum, o.CaptureHalfSpreadSum, o.QuotedSpreadSum, o.QuotedSpreadSteps, o.AbsInventoryTime, o.LongSquaredInventoryTime, o.ShortSquaredInventoryTime, o.TimeAtLimit, o.MaxAbsInventory, o.MaxDrawdown })
        {
            report.AppendJoin(' ', values.Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x16", CultureInfo.InvariantCulture)));
            report.Append('\n');
        }
    }
}
