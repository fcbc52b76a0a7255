using System.Numerics;
using MarketMaking.Core.Accounting;
using MarketMaking.Core.Randomness;
using MarketMaking.Simulation.Model;
using MarketMaking.Strategies;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// The vectorized model-based market: N trajectories stepped together, one SIMD lane per
/// trajectory, each lane with its own random stream. Blocks of trajectories step together with
/// their state in L1 cache; blocks are spread over cores. Per-trajectory results
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

    public MonteCarloResult Run(IQuotingStrategy strategy) => Run(strategy, new TrajectoryOutcomes(_settings.Trajectories));

    /// <summary>
    /// Runs into <paramref name="outcomes"/>, overwriting it: callers that run again and again
    /// (sweeps, training loops) reuse one buffer instead of touching fresh memory every run.
    /// </summary>
    public MonteCarloResult Run(IQuotingStrategy strategy, TrajectoryOutcomes outcomes)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count != _settings.Trajectories)
        {
            throw new ArgumentException($"the buffer holds {outcomes.Count} trajectories, the run has {_settings.Trajectories}", nameof(outcomes));
        }

        switch (strategy)
        {
            case ILinearInventoryQuoting linear:
                Run(new LinearInventoryPolicy(linear, _market), outcomes);
                break;
            case IInventoryTableQuoting table:
                Run(new InventoryTablePolicy(table, _market), outcomes);
                break;
            default:
                Run(new ScalarStrategyPolicy(strategy, _market), outcomes);
                break;
        }

        return new MonteCarloResult(strategy.Name, _market, _settings, outcomes);
    }

    private void Run<TPolicy>(TPolicy policy, TrajectoryOutcomes outcomes)
        where TPolicy : struct, IVectorQuotingPolicy
    {
        int count = _settings.Trajectories;
        int blockSize = Vector<double>.Count * GroupsPerBlock;
        int blocks = (count + blockSize - 1) / blockSize;
        int threads = _settings.Threads > 0 ? _settings.Threads : Environment.ProcessorCount;

        // Several batches per thread so uneven cores still finish together.
        int batches = Math.Min(blocks, threads * 8);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, batches, options, batch =>
        {
            TPolicy local = policy;
            var lanes = new LaneState[GroupsPerBlock];
            int firstBlock = (int)((long)blocks * batch / batches);
            int endBlock = (int)((long)blocks * (batch + 1) / batches);
            for (int block = firstBlock; block < endBlock; block++)
            {
                int first = block * blockSize;
                RunBlock(ref local, lanes, first, Math.Min(blockSize, count - first), outcomes);
            }
        });
    }

    /// <summary>
    /// Runs a block of trajectories through every step. The step loop is outside and the groups of
    /// the block inside, so consecutive iterations are independent trajectories: the CPU overlaps
    /// their long dependency chains (exp → fill → inventory → quote) instead of waiting on each.
    /// </summary>
    private void RunBlock<TPolicy>(ref TPolicy policy, LaneState[] lanes, int first, int count, TrajectoryOutcomes outcomes)
        where TPolicy : struct, IVectorQuotingPolicy
    {
        ref readonly ModelConstants c = ref _constants;
        ModelMarketParameters p = _market;
        int width = Vector<double>.Count;
        int groups = (count + width - 1) / width;
        Vector<double> zero = Vector<double>.Zero;
        Vector<double> nan = new(double.NaN);
        Vector<double> half = new(0.5);
        Vector<double> one = Vector<double>.One;
        Vector<double> feeRate = new(p.MakerFeeRate);
        Vector<double> lot = new(p.LotSize);
        Vector<double> gridTolerance = new(1e-9);
        Vector<double> flatTolerance = new(Ledger.QuantityEpsilon);
        Vector<double> maxPosition = new(_settings.MaxPosition);
        Vector<double> limitLevel = new(_settings.MaxPosition - 1e-9);
        bool hasFees = p.MakerFeeRate != 0;
        Vector<double> slippageRate = new(_settings.SlippageBps / 1e4);
        bool hasSlippage = _settings.SlippageBps > 0;
        bool hasLimit = double.IsFinite(_settings.MaxPosition);

        // Snapping a quantity already on the lot grid returns it unchanged, so with no limit to cap
        // at and a fixed on-grid quantity the snap can be skipped without changing a bit.
        double fixedQuantity = policy.FixedQuantity;
        bool snap = hasLimit || !(fixedQuantity > 0) || !(Math.Floor((fixedQuantity / p.LotSize) + 1e-9) * p.LotSize == fixedQuantity);

        for (int g = 0; g < groups; g++)
        {
            ref LaneState s = ref lanes[g];
            s = default;
            s.Random = VectorRandom.ForTrajectories(_settings.Seed, first + (g * width), Math.Min(width, count - (g * width)));
            s.Mid = new Vector<double>(p.InitialMid);

            // The starting inventory is bought at the initial mid, as Ledger.OpenPosition does.
            s.Inventory = new Vector<double>(_settings.InitialInventory);
            s.Cash = zero - (s.Inventory * s.Mid);
            s.BidExcitation = new Vector<double>(c.HawkesInitialExcitation);
            s.AskExcitation = s.BidExcitation;
            s.LiveBid = nan;
            s.LiveAsk = nan;
            s.MaxAbsInventory = Vector.Abs(s.Inventory);
            s.Peak = s.Cash + (s.Inventory * s.Mid);
        }

        double nextDecision = double.NegativeInfinity;
        int steps = p.Steps;
        for (int step = 0; step < steps; step++)
        {
            double time = step * p.TimeStep;
            bool decide = time >= nextDecision;
            if (decide)
            {
                nextDecision = time + _settings.DecisionInterval;
                policy.BeginStep(step, time, p.Horizon - time);
            }

            for (int g = 0; g < groups; g++)
            {
                ref LaneState s = ref lanes[g];
                if (decide)
                {
                    policy.Quote(first + (g * width), s.Mid, s.Inventory, s.Alpha, out Vector<double> bid, out Vector<double> ask, out Vector<double> bidQuantity, out Vector<double> askQuantity);

                    // As the order manager: cap at the room under the position limit, snap down to lots.
                    if (snap)
                    {
                        bidQuantity = Vector.Floor((Vector.Min(bidQuantity, maxPosition - s.Inventory) / lot) + gridTolerance) * lot;
                        askQuantity = Vector.Floor((Vector.Min(askQuantity, maxPosition + s.Inventory) / lot) + gridTolerance) * lot;
                    }

                    // An order at an unchanged price whose size did not grow stays; anything else is a new
                    // order. With one fixed, unsnapped, positive size the size tests are always true.
                    Vector<long> bidOn, askOn, keepBid, keepAsk;
                    if (snap)
                    {
                        bidOn = Vector.BitwiseAnd(Vector.GreaterThan(bidQuantity, zero), Vector.Equals(bid, bid));
                        askOn = Vector.BitwiseAnd(Vector.GreaterThan(askQuantity, zero), Vector.Equals(ask, ask));
                        keepBid = Vector.BitwiseAnd(s.BidLive, Vector.BitwiseAnd(Vector.Equals(bid, s.LiveBid), Vector.LessThanOrEqual(bidQuantity, s.LiveBidQuantity)));
                        keepAsk = Vector.BitwiseAnd(s.AskLive, Vector.BitwiseAnd(Vector.Equals(ask, s.LiveAsk), Vector.LessThanOrEqual(askQuantity, s.LiveAskQuantity)));
                    }
                    else
                    {
                        bidOn = Vector.Equals(bid, bid);
                        askOn = Vector.Equals(ask, ask);
                        keepBid = Vector.BitwiseAnd(s.BidLive, Vector.Equals(bid, s.LiveBid));
                        keepAsk = Vector.BitwiseAnd(s.AskLive, Vector.Equals(ask, s.LiveAsk));
                    }

                    s.Orders -= Vector.AndNot(bidOn, keepBid) + Vector.AndNot(askOn, keepAsk);

                    s.LiveBid = Vector.ConditionalSelect(bidOn, bid, nan);
                    s.LiveAsk = Vector.ConditionalSelect(askOn, ask, nan);
                    s.LiveBidQuantity = bidQuantity;
                    s.LiveAskQuantity = askQuantity;
                    s.BidLive = bidOn;
                    s.AskLive = askOn;
                }

                Vector<long> twoSided = Vector.BitwiseAnd(s.BidLive, s.AskLive);
                Vector<double> quotedSpread = s.LiveAsk - s.LiveBid;
                s.SpreadSum += Vector.ConditionalSelect(twoSided, quotedSpread, zero);
                s.SpreadSteps -= twoSided;

                // Inventory held over this step (sums of steps; times dt at the end).
                Vector<double> absInventory = Vector.Abs(s.Inventory);
                s.AbsInventoryTime += absInventory;
                Vector<double> squaredInventory = s.Inventory * s.Inventory;
                Vector<long> isLong = Vector.GreaterThan(s.Inventory, zero);
                s.LongSquaredInventoryTime += Vector.ConditionalSelect(isLong, squaredInventory, zero);
                s.ShortSquaredInventoryTime += Vector.ConditionalSelect(isLong, zero, squaredInventory);
                if (hasLimit)
                {
                    s.TimeAtLimit += Vector.ConditionalSelect(Vector.GreaterThanOrEqual(absInventory, limitLevel), one, zero);
                }

                ModelStepKernel.Draw(in c, ref s.Random, out StepDraws draws);
                Vector<double> bidDepth = s.Mid - s.LiveBid;
                Vector<double> askDepth = s.LiveAsk - s.Mid;
                Vector<double> bidProbability, askProbability;
                if (c.Hawkes)
                {
                    bidProbability = ModelStepKernel.HawkesFillProbability(in c, bidDepth, ModelStepKernel.HawkesArrivals(in c, ref s.BidExcitation, draws.BidArrivals));
                    askProbability = ModelStepKernel.HawkesFillProbability(in c, askDepth, ModelStepKernel.HawkesArrivals(in c, ref s.AskExcitation, draws.AskArrivals));
                }
                else
                {
                    bidProbability = ModelStepKernel.PoissonFillProbability(in c, bidDepth);
                    askProbability = ModelStepKernel.PoissonFillProbability(in c, askDepth);
                }

                Vector<long> bought = Vector.LessThan(draws.BidFill, bidProbability);
                Vector<long> sold = Vector.LessThan(draws.AskFill, askProbability);

                // Ledger, in the event loop's order: the buy first, then the sell; notional, then fee.
                // A zero fee is skipped rather than subtracted: x − 0 is x, so the numbers are the same.
                Vector<double> boughtQuantity = Vector.ConditionalSelect(bought, s.LiveBidQuantity, zero);
                Vector<double> soldQuantity = Vector.ConditionalSelect(sold, s.LiveAskQuantity, zero);
                Vector<double> buyPrice = s.LiveBid, sellPrice = s.LiveAsk;
                if (hasSlippage)
                {
                    // As the event loop: the price moves against us; the fee stays on the quoted price.
                    Vector<double> bidSlip = s.LiveBid * slippageRate, askSlip = s.LiveAsk * slippageRate;
                    buyPrice = s.LiveBid + bidSlip;
                    sellPrice = s.LiveAsk - askSlip;
                    s.Slippage += Vector.ConditionalSelect(bought, bidSlip * s.LiveBidQuantity, zero) + Vector.ConditionalSelect(sold, askSlip * s.LiveAskQuantity, zero);
                    bidDepth = s.Mid - buyPrice;
                    askDepth = sellPrice - s.Mid;
                }

                if (hasFees)
                {
                    Vector<double> bidFee = Vector.ConditionalSelect(bought, feeRate * s.LiveBid * s.LiveBidQuantity, zero);
                    Vector<double> askFee = Vector.ConditionalSelect(sold, feeRate * s.LiveAsk * s.LiveAskQuantity, zero);
                    s.Cash = s.Cash - Vector.ConditionalSelect(bought, buyPrice * s.LiveBidQuantity, zero) - bidFee;
                    s.Cash = s.Cash + Vector.ConditionalSelect(sold, sellPrice * s.LiveAskQuantity, zero) - askFee;
                    s.Fees += bidFee + askFee;
                }
                else
                {
                    s.Cash = s.Cash - Vector.ConditionalSelect(bought, buyPrice * s.LiveBidQuantity, zero);
                    s.Cash = s.Cash + Vector.ConditionalSelect(sold, sellPrice * s.LiveAskQuantity, zero);
                }

                s.Inventory = s.Inventory + boughtQuantity - soldQuantity;

                // Flat is exactly zero, as in the ledger (all its lots closed), not the round-off left by
                // summing fractional fills: strategies see the same inventory either way.
                s.Inventory = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(s.Inventory), flatTolerance), zero, s.Inventory);
                s.Fills -= bought + sold;
                s.Turnover += boughtQuantity + soldQuantity;
                Vector<double> stepEdge = Vector.ConditionalSelect(bought, bidDepth * s.LiveBidQuantity, zero) + Vector.ConditionalSelect(sold, askDepth * s.LiveAskQuantity, zero);
                s.Edge += stepEdge;
                s.CaptureEdge += Vector.ConditionalSelect(twoSided, stepEdge, zero);
                s.CaptureHalfSpread += Vector.ConditionalSelect(twoSided, quotedSpread * half * (boughtQuantity + soldQuantity), zero);

                s.BidLive = Vector.AndNot(s.BidLive, bought);
                s.AskLive = Vector.AndNot(s.AskLive, sold);

                ModelStepKernel.MoveMid(in c, in draws, bought, sold, boughtQuantity, soldQuantity, ref s.Mid, ref s.Alpha);

                Vector<double> equity = s.Cash + (s.Inventory * s.Mid);
                s.Peak = Vector.Max(s.Peak, equity);
                s.MaxDrawdown = Vector.Max(s.MaxDrawdown, s.Peak - equity);
                s.MaxAbsInventory = Vector.Max(s.MaxAbsInventory, Vector.Abs(s.Inventory));
            }
        }

        for (int g = 0; g < groups; g++)
        {
            ref LaneState s = ref lanes[g];
            Vector<double> pnl = s.Cash + (s.Inventory * s.Mid);
            for (int lane = 0; lane < width && (g * width) + lane < count; lane++)
            {
                int i = first + (g * width) + lane;
                outcomes.Pnl[i] = pnl[lane];
                outcomes.FinalInventory[i] = s.Inventory[lane];
                outcomes.FinalMid[i] = s.Mid[lane];
                outcomes.Fees[i] = s.Fees[lane];
                outcomes.SlippageCost[i] = s.Slippage[lane];
                outcomes.Fills[i] = s.Fills[lane];
                outcomes.Orders[i] = s.Orders[lane];
                outcomes.Turnover[i] = s.Turnover[lane];
                outcomes.EdgeSum[i] = s.Edge[lane];
                outcomes.CaptureEdgeSum[i] = s.CaptureEdge[lane];
                outcomes.CaptureHalfSpreadSum[i] = s.CaptureHalfSpread[lane];
                outcomes.QuotedSpreadSum[i] = s.SpreadSum[lane];
                outcomes.QuotedSpreadSteps[i] = s.SpreadSteps[lane];
                outcomes.AbsInventoryTime[i] = s.AbsInventoryTime[lane] * p.TimeStep;
                outcomes.LongSquaredInventoryTime[i] = s.LongSquaredInventoryTime[lane] * p.TimeStep;
                outcomes.ShortSquaredInventoryTime[i] = s.ShortSquaredInventoryTime[lane] * p.TimeStep;
                outcomes.TimeAtLimit[i] = s.TimeAtLimit[lane] * p.TimeStep;
                outcomes.MaxAbsInventory[i] = s.MaxAbsInventory[lane];
                outcomes.MaxDrawdown[i] = s.MaxDrawdown[lane];
            }
        }
    }

    // 16 groups (64 trajectories at 4 lanes) keep a block's state, ~15 KB, in L1 cache.
    private const int GroupsPerBlock = 2;
}
