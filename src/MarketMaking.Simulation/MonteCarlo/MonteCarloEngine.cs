using System.Numerics;
using MarketMaking.Core.Randomness;
using MarketMaking.Simulation.Model;
using MarketMaking.Strategies;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// The vectorized model-based market: N trajectories stepped together, one SIMD lane per
/// trajectory, each lane with its own random stream. A group of lanes runs all its steps with its
/// state in registers, then the next group; groups are spread over cores. Per-trajectory results
/// do not depend on vector width or thread count. A strategy with a native vector form (linear in
/// inventory, or an inventory table) runs natively; any other runs through a per-lane adapter.
/// Applies the order manager's rules that matter here: position limit, lot snapping, and
/// keeping an unchanged order (for counting orders).
/// </summary>
public sealed class MonteCarloEngine
{
    private readonly ModelMarketParameters _market;
    private readonly MonteCarloSettings _settings;
    private readonly ModelConstants _constants;

    public MonteCarloEngine(ModelMarketParameters market, MonteCarloSettings settings)
    {
        _market = market.Validate();
        _settings = settings.Validate();
        _constants = new ModelConstants(market);
    }

    public ModelMarketParameters Market => _market;

    public MonteCarloSettings Settings => _settings;

    public MonteCarloResult Run(IQuotingStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        TrajectoryOutcomes outcomes = strategy switch
        {
            ILinearInventoryQuoting linear => Run(new LinearInventoryPolicy(linear, _market)),
            IInventoryTableQuoting table => Run(new InventoryTablePolicy(table, _market)),
            _ => Run(new ScalarStrategyPolicy(strategy, _market)),
        };
        return new MonteCarloResult(strategy.Name, _market, _settings, outcomes);
    }

    private TrajectoryOutcomes Run<TPolicy>(TPolicy policy)
        where TPolicy : struct, IVectorQuotingPolicy
    {
        int count = _settings.Trajectories;
        int width = Vector<double>.Count;
        int groups = (count + width - 1) / width;
        var outcomes = new TrajectoryOutcomes(count);
        int threads = _settings.Threads > 0 ? _settings.Threads : Environment.ProcessorCount;

        // Several batches per thread so uneven cores still finish together.
        int batches = Math.Min(groups, threads * 8);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, batches, options, batch =>
        {
            TPolicy local = policy;
            int firstGroup = (int)((long)groups * batch / batches);
            int endGroup = (int)((long)groups * (batch + 1) / batches);
            for (int group = firstGroup; group < endGroup; group++)
            {
                int first = group * width;
                RunGroup(ref local, first, Math.Min(width, count - first), outcomes);
            }
        });
        return outcomes;
    }

    private void RunGroup<TPolicy>(ref TPolicy policy, int first, int lanes, TrajectoryOutcomes outcomes)
        where TPolicy : struct, IVectorQuotingPolicy
    {
        ref readonly ModelConstants c = ref _constants;
        ModelMarketParameters p = _market;
        VectorRandom random = VectorRandom.ForTrajectories(_settings.Seed, first, lanes);
        Vector<double> zero = Vector<double>.Zero;
        Vector<double> one = Vector<double>.One;
        Vector<double> nan = new(double.NaN);
        Vector<double> dt = new(p.TimeStep);
        Vector<double> feeRate = new(p.MakerFeeRate);
        Vector<double> lot = new(p.LotSize);
        Vector<double> gridTolerance = new(1e-9);
        Vector<double> maxPosition = new(_settings.MaxPosition);
        Vector<double> limitLevel = new(_settings.MaxPosition - 1e-9);

        Vector<double> mid = new(p.InitialMid);
        Vector<double> alpha = zero;
        // The starting inventory is bought at the initial mid, as Ledger.OpenPosition does.
        Vector<double> inventory = new(_settings.InitialInventory);
        Vector<double> cash = zero - (inventory * mid);
        Vector<double> bidExcitation = new(c.HawkesInitialExcitation);
        Vector<double> askExcitation = bidExcitation;

        Vector<double> liveBid = nan, liveAsk = nan, liveBidQuantity = zero, liveAskQuantity = zero;
        Vector<long> bidLive = Vector<long>.Zero, askLive = Vector<long>.Zero;

        Vector<double> fees = zero, fills = zero, orders = zero, turnover = zero, edge = zero;
        Vector<double> captureEdge = zero, captureHalfSpread = zero, spreadSum = zero, spreadSteps = zero;
        Vector<double> absInventoryTime = zero, squaredInventoryTime = zero, timeAtLimit = zero;
        Vector<double> maxAbsInventory = Vector.Abs(inventory);
        Vector<double> peak = cash + (inventory * mid);
        Vector<double> maxDrawdown = zero;

        double nextDecision = double.NegativeInfinity;
        int steps = p.Steps;
        for (int step = 0; step < steps; step++)
        {
            double time = step * p.TimeStep;
            if (time >= nextDecision)
            {
                nextDecision = time + _settings.DecisionInterval;
                policy.BeginStep(step, time, p.Horizon - time);
                policy.Quote(first, mid, inventory, alpha, out Vector<double> bid, out Vector<double> ask, out Vector<double> bidQuantity, out Vector<double> askQuantity);

                // As the order manager: cap at the room under the position limit, snap down to lots.
                bidQuantity = Vector.Floor((Vector.Min(bidQuantity, maxPosition - inventory) / lot) + gridTolerance) * lot;
                askQuantity = Vector.Floor((Vector.Min(askQuantity, maxPosition + inventory) / lot) + gridTolerance) * lot;
                Vector<long> bidOn = Vector.BitwiseAnd(Vector.GreaterThan(bidQuantity, zero), Vector.Equals(bid, bid));
                Vector<long> askOn = Vector.BitwiseAnd(Vector.GreaterThan(askQuantity, zero), Vector.Equals(ask, ask));

                // An order at an unchanged price whose size did not grow stays; anything else is a new order.
                Vector<long> keepBid = Vector.BitwiseAnd(bidLive, Vector.BitwiseAnd(Vector.Equals(bid, liveBid), Vector.LessThanOrEqual(bidQuantity, liveBidQuantity)));
                Vector<long> keepAsk = Vector.BitwiseAnd(askLive, Vector.BitwiseAnd(Vector.Equals(ask, liveAsk), Vector.LessThanOrEqual(askQuantity, liveAskQuantity)));
                orders += Vector.ConditionalSelect(Vector.AndNot(bidOn, keepBid), one, zero) + Vector.ConditionalSelect(Vector.AndNot(askOn, keepAsk), one, zero);

                liveBid = Vector.ConditionalSelect(bidOn, bid, nan);
                liveAsk = Vector.ConditionalSelect(askOn, ask, nan);
                liveBidQuantity = bidQuantity;
                liveAskQuantity = askQuantity;
                bidLive = bidOn;
                askLive = askOn;
            }

            Vector<long> twoSided = Vector.BitwiseAnd(bidLive, askLive);
            Vector<double> quotedSpread = liveAsk - liveBid;
            spreadSum += Vector.ConditionalSelect(twoSided, quotedSpread, zero);
            spreadSteps += Vector.ConditionalSelect(twoSided, one, zero);

            // Inventory held over this step.
            Vector<double> absInventory = Vector.Abs(inventory);
            absInventoryTime += absInventory * dt;
            squaredInventoryTime += inventory * inventory * dt;
            timeAtLimit += Vector.ConditionalSelect(Vector.GreaterThanOrEqual(absInventory, limitLevel), dt, zero);

            ModelStepKernel.Draw(in c, ref random, out StepDraws draws);
            Vector<double> bidDepth = mid - liveBid;
            Vector<double> askDepth = liveAsk - mid;
            Vector<double> bidProbability, askProbability;
            if (c.Hawkes)
            {
                bidProbability = ModelStepKernel.HawkesFillProbability(in c, bidDepth, ModelStepKernel.HawkesArrivals(in c, ref bidExcitation, draws.BidArrivals));
                askProbability = ModelStepKernel.HawkesFillProbability(in c, askDepth, ModelStepKernel.HawkesArrivals(in c, ref askExcitation, draws.AskArrivals));
            }
            else
            {
                bidProbability = ModelStepKernel.PoissonFillProbability(in c, bidDepth);
                askProbability = ModelStepKernel.PoissonFillProbability(in c, askDepth);
            }

            Vector<long> bought = Vector.LessThan(draws.BidFill, bidProbability);
            Vector<long> sold = Vector.LessThan(draws.AskFill, askProbability);

            // Ledger, in the event loop's order: the buy first, then the sell; notional, then fee.
            Vector<double> boughtQuantity = Vector.ConditionalSelect(bought, liveBidQuantity, zero);
            Vector<double> soldQuantity = Vector.ConditionalSelect(sold, liveAskQuantity, zero);
            Vector<double> bidFee = Vector.ConditionalSelect(bought, feeRate * liveBid * liveBidQuantity, zero);
            Vector<double> askFee = Vector.ConditionalSelect(sold, feeRate * liveAsk * liveAskQuantity, zero);
            cash = cash - Vector.ConditionalSelect(bought, liveBid * liveBidQuantity, zero) - bidFee;
            cash = cash + Vector.ConditionalSelect(sold, liveAsk * liveAskQuantity, zero) - askFee;
            inventory = inventory + boughtQuantity - soldQuantity;

            fees += bidFee + askFee;
            fills += Vector.ConditionalSelect(bought, one, zero) + Vector.ConditionalSelect(sold, one, zero);
            turnover += boughtQuantity + soldQuantity;
            Vector<double> stepEdge = Vector.ConditionalSelect(bought, bidDepth * liveBidQuantity, zero) + Vector.ConditionalSelect(sold, askDepth * liveAskQuantity, zero);
            edge += stepEdge;
            captureEdge += Vector.ConditionalSelect(twoSided, stepEdge, zero);
            captureHalfSpread += Vector.ConditionalSelect(twoSided, quotedSpread / new Vector<double>(2) * (boughtQuantity + soldQuantity), zero);

            bidLive = Vector.AndNot(bidLive, bought);
            askLive = Vector.AndNot(askLive, sold);

            ModelStepKernel.MoveMid(in c, in draws, bought, sold, ref mid, ref alpha);

            Vector<double> equity = cash + (inventory * mid);
            peak = Vector.Max(peak, equity);
            maxDrawdown = Vector.Max(maxDrawdown, peak - equity);
            maxAbsInventory = Vector.Max(maxAbsInventory, Vector.Abs(inventory));
        }

        Vector<double> pnl = cash + (inventory * mid);
        for (int lane = 0; lane < lanes; lane++)
        {
            int i = first + lane;
            outcomes.Pnl[i] = pnl[lane];
            outcomes.FinalInventory[i] = inventory[lane];
            outcomes.FinalMid[i] = mid[lane];
            outcomes.Fees[i] = fees[lane];
            outcomes.Fills[i] = fills[lane];
            outcomes.Orders[i] = orders[lane];
            outcomes.Turnover[i] = turnover[lane];
            outcomes.EdgeSum[i] = edge[lane];
            outcomes.CaptureEdgeSum[i] = captureEdge[lane];
            outcomes.CaptureHalfSpreadSum[i] = captureHalfSpread[lane];
            outcomes.QuotedSpreadSum[i] = spreadSum[lane];
            outcomes.QuotedSpreadSteps[i] = spreadSteps[lane];
            outcomes.AbsInventoryTime[i] = absInventoryTime[lane];
            outcomes.SquaredInventoryTime[i] = squaredInventoryTime[lane];
            outcomes.TimeAtLimit[i] = timeAtLimit[lane];
            outcomes.MaxAbsInventory[i] = maxAbsInventory[lane];
            outcomes.MaxDrawdown[i] = maxDrawdown[lane];
        }
    }
}
