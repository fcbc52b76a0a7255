using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MarketMaking.Core.Accounting;
using MarketMaking.Core.Randomness;
using MarketMaking.Simulation.Model;
using MarketMaking.Strategies;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// The vectorized model-based market: N trajectories stepped together, one SIMD lane per
/// trajectory, each lane with its own random stream. A group of trajectories (one vector) runs
/// through all its steps with its state in registers; groups are spread over cores. Per-trajectory results
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

        // Time at the limit counts the binding limit: the position limit or the strategy's own, whichever is smaller.
        double limit = Math.Min(_settings.MaxPosition, IInventoryLimited.Of(strategy));
        switch (strategy)
        {
            case ILinearInventoryQuoting linear:
                Run(new LinearInventoryPolicy(linear, _market, in _constants, _settings.MaxPosition), outcomes, limit);
                break;
            case IInventoryTableQuoting table:
                Run(new InventoryTablePolicy(table, _market), outcomes, limit);
                break;
            default:
                Run(new ScalarStrategyPolicy(strategy, _market), outcomes, limit);
                break;
        }

        return new MonteCarloResult(strategy.Name, _market, _settings, outcomes);
    }

    private void Run<TPolicy>(TPolicy policy, TrajectoryOutcomes outcomes, double limit)
        where TPolicy : struct, IVectorQuotingPolicy
    {
        if (IsPlain(policy.FixedQuantity))
        {
            Run<TPolicy, PlainFeatures>(policy, outcomes, limit);
        }
        else
        {
            Run<TPolicy, AnyFeatures>(policy, outcomes, limit);
        }
    }

    /// <summary>
    /// The market and run have none of the optional features (<see cref="IStepFeatures.Plain"/>): the
    /// strategy decides every step with one fixed quantity already on the lot grid, and nothing else is on.
    /// </summary>
    private bool IsPlain(double fixedQuantity) =>
        !_constants.Hawkes && !_constants.Gaussian && !_constants.HasAlpha && !_constants.HasJumps && !_constants.HasAdverseSelection
        && _constants.DriftStep == 0 && !_constants.HasImpact && _market.MakerFeeRate == 0 && !(_settings.SlippageBps > 0) && !double.IsFinite(_settings.MaxPosition)
        && _settings.DecisionInterval == 0 && OnLotGrid(fixedQuantity);

    /// <summary>A fixed positive quantity that snapping to lots leaves unchanged, so it need not be snapped.</summary>
    private bool OnLotGrid(double fixedQuantity) =>
        fixedQuantity > 0 && Math.Floor((fixedQuantity / _market.LotSize) + 1e-9) * _market.LotSize == fixedQuantity;

    private void Run<TPolicy, TFeatures>(TPolicy policy, TrajectoryOutcomes outcomes, double limit)
        where TPolicy : struct, IVectorQuotingPolicy
        where TFeatures : struct, IStepFeatures
    {
        int count = _settings.Trajectories;
        int width = Vector<double>.Count;
        int groups = (count + width - 1) / width;
        int threads = _settings.Threads > 0 ? _settings.Threads : Environment.ProcessorCount;

        // Several batches per thread so uneven cores still finish together.
        int batches = Math.Min(groups, threads * 8);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, batches, options, batch =>
        {
            TPolicy local = policy;
            var trace = new Vector<double>[2 * TraceSteps];
            int firstGroup = (int)((long)groups * batch / batches);
            int endGroup = (int)((long)groups * (batch + 1) / batches);
            for (int group = firstGroup; group < endGroup; group++)
            {
                int first = group * width;
                RunGroup<TPolicy, TFeatures>(ref local, trace, first, Math.Min(width, count - first), outcomes, limit);
            }
        });
    }

    /// <summary>
    /// Runs one SIMD group of trajectories through every step. Steps whose fills the policy's table
    /// decides run in a loop with no call in it, so the JIT keeps the group's state in registers; a step
    /// the table cannot decide (rare) leaves that loop before changing anything and runs with the
    /// exponentials, which are calls around which every live vector would be spilled.
    /// </summary>
    /// <param name="limit">The |inventory| counted as at the limit (the binding one); +∞ for none.</param>
    private void RunGroup<TPolicy, TFeatures>(ref TPolicy policy, Vector<double>[] trace, int first, int count, TrajectoryOutcomes outcomes, double limit)
        where TPolicy : struct, IVectorQuotingPolicy
        where TFeatures : struct, IStepFeatures
    {
        ModelMarketParameters p = _market;
        Vector<double> nan = new(double.NaN);
        var s = new LaneState
        {
            Random = VectorRandom.ForTrajectories(_settings.Seed, first, count),
            Mid = new Vector<double>(p.InitialMid),

            // The starting inventory is bought at the initial mid, as Ledger.OpenPosition does.
            Inventory = new Vector<double>(_settings.InitialInventory),
            BidExcitation = new Vector<double>(_constants.HawkesInitialExcitation),
            AskExcitation = new Vector<double>(_constants.HawkesInitialExcitation),
            LiveBid = nan,
            LiveAsk = nan,
            NextDecision = double.NegativeInfinity,
        };
        s.Cash = Vector<double>.Zero - (s.Inventory * s.Mid);
        s.MaxAbsInventory = Vector.Abs(s.Inventory);
        s.Peak = s.Cash + (s.Inventory * s.Mid);

        // The table decides fresh quotes only: with a decision interval, steps between decisions take the exponentials.
        int steps = p.Steps;
        bool fromTable = policy.HasFillTable && _settings.DecisionInterval == 0;
        for (int step = 0; step < steps;)
        {
            int end = Math.Min(steps, step + TraceSteps);
            step = fromTable
                ? RunSteps<TPolicy, TFeatures, TableFills>(ref policy, ref s, trace, first, step, end, limit)
                : RunSteps<TPolicy, TFeatures, ExactFills>(ref policy, ref s, trace, first, step, end, limit);
            if (fromTable && step < end)
            {
                step = RunSteps<TPolicy, TFeatures, ExactFills>(ref policy, ref s, trace, first, step, step + 1, limit);
            }
        }

        // The inventory after the last step: the trace held each step's inventory before its fills.
        s.MaxAbsInventory = Vector.MaxNative(s.MaxAbsInventory, Vector.Abs(s.Inventory));
        Vector<double> pnl = s.Cash + (s.Inventory * s.Mid);
        for (int lane = 0; lane < count; lane++)
        {
            int i = first + lane;
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

    /// <summary>
    /// Steps the group from <paramref name="from"/> up to <paramref name="to"/> and returns the step it
    /// reached: with <see cref="TableFills"/>, the first step the table cannot decide, left untouched.
    /// The state is read into locals and written back once.
    /// </summary>
    private int RunSteps<TPolicy, TFeatures, TFills>(ref TPolicy policy, ref LaneState s, Vector<double>[] trace, int first, int from, int to, double limit)
        where TPolicy : struct, IVectorQuotingPolicy
        where TFeatures : struct, IStepFeatures
        where TFills : struct, IFillMode
    {
        // A copy on the stack: read through this object, every flag and constant was reloaded after each store.
        ModelConstants c = _constants;
        ModelMarketParameters p = _market;
        Vector<double> zero = Vector<double>.Zero;
        Vector<double> nan = new(double.NaN);
        Vector<double> half = new(0.5);
        Vector<double> feeRate = new(p.MakerFeeRate);
        Vector<double> lot = new(p.LotSize);
        Vector<double> gridTolerance = new(1e-9);
        Vector<double> flatTolerance = new(Ledger.QuantityEpsilon);
        Vector<double> maxPosition = new(_settings.MaxPosition);
        bool hasFees = !TFeatures.Plain && p.MakerFeeRate != 0;
        Vector<double> slippageRate = new(_settings.SlippageBps / 1e4);
        bool hasSlippage = !TFeatures.Plain && _settings.SlippageBps > 0;
        bool hasLimit = !TFeatures.Plain && double.IsFinite(_settings.MaxPosition);

        // Snapping a quantity already on the lot grid returns it unchanged, so with no limit to cap
        // at and a fixed on-grid quantity the snap can be skipped without changing a bit.
        bool snap = !TFeatures.Plain && (hasLimit || !OnLotGrid(policy.FixedQuantity));

        VectorRandom random = s.Random;
        Vector<double> mid = s.Mid, inventory = s.Inventory, cash = s.Cash, alpha = s.Alpha;
        Vector<double> bidExcitation = s.BidExcitation, askExcitation = s.AskExcitation;
        Vector<double> liveBid = s.LiveBid, liveAsk = s.LiveAsk, bidSize = s.LiveBidQuantity, askSize = s.LiveAskQuantity;
        Vector<long> bidLive = s.BidLive, askLive = s.AskLive;
        Vector<long> fills = s.Fills, orders = s.Orders, spreadSteps = s.SpreadSteps;
        Vector<double> fees = s.Fees, slippage = s.Slippage, turnover = s.Turnover, edge = s.Edge, captureEdge = s.CaptureEdge;
        Vector<double> captureHalfSpread = s.CaptureHalfSpread, spreadSum = s.SpreadSum;
        double nextDecision = s.NextDecision;

        // Each step's inventory before its fills and equity after them, for the statistics of the path.
        ref Vector<double> traced = ref MemoryMarshal.GetArrayDataReference(trace);

        int step = from;
        for (; step < to; step++)
        {
            // Everything up to the fills goes to temporaries, so a step the table cannot decide is left as it was.
            // A decision interval of zero decides every step: time ≥ time + 0 always.
            double time = step * p.TimeStep;
            bool decide = TFeatures.Plain || time >= nextDecision;
            Vector<double> stepBid = liveBid, stepAsk = liveAsk, stepBidSize = bidSize, stepAskSize = askSize;
            Vector<long> stepBidLive = bidLive, stepAskLive = askLive, newOrders = Vector<long>.Zero;
            if (decide)
            {
                policy.BeginStep(step, time, p.Horizon - time);
                policy.Quote(first, mid, inventory, alpha, out Vector<double> bid, out Vector<double> ask, out Vector<double> bidQuantity, out Vector<double> askQuantity);

                // As the order manager: cap at the room under the position limit, snap down to lots.
                if (snap)
                {
                    bidQuantity = Vector.Floor((Vector.Min(bidQuantity, maxPosition - inventory) / lot) + gridTolerance) * lot;
                    askQuantity = Vector.Floor((Vector.Min(askQuantity, maxPosition + inventory) / lot) + gridTolerance) * lot;
                }

                // An order at an unchanged price whose size did not grow stays; anything else is a new
                // order. With one fixed, unsnapped, positive size the size tests are always true.
                Vector<long> bidOn, askOn, keepBid, keepAsk;
                if (snap)
                {
                    bidOn = Vector.BitwiseAnd(Vector.GreaterThan(bidQuantity, zero), Vector.Equals(bid, bid));
                    askOn = Vector.BitwiseAnd(Vector.GreaterThan(askQuantity, zero), Vector.Equals(ask, ask));
                    keepBid = Vector.BitwiseAnd(bidLive, Vector.BitwiseAnd(Vector.Equals(bid, liveBid), Vector.LessThanOrEqual(bidQuantity, bidSize)));
                    keepAsk = Vector.BitwiseAnd(askLive, Vector.BitwiseAnd(Vector.Equals(ask, liveAsk), Vector.LessThanOrEqual(askQuantity, askSize)));
                }
                else
                {
                    bidOn = Vector.Equals(bid, bid);
                    askOn = Vector.Equals(ask, ask);
                    keepBid = Vector.BitwiseAnd(bidLive, Vector.Equals(bid, liveBid));
                    keepAsk = Vector.BitwiseAnd(askLive, Vector.Equals(ask, liveAsk));
                }

                newOrders = Vector.AndNot(bidOn, keepBid) + Vector.AndNot(askOn, keepAsk);

                // An unquoted side's price is NaN already; one not live for want of size becomes NaN.
                stepBid = snap ? Vector.ConditionalSelect(bidOn, bid, nan) : bid;
                stepAsk = snap ? Vector.ConditionalSelect(askOn, ask, nan) : ask;
                stepBidSize = bidQuantity;
                stepAskSize = askQuantity;
                stepBidLive = bidOn;
                stepAskLive = askOn;
            }

            VectorRandom next = random;
            ModelStepKernel.Draw<TFeatures>(in c, ref next, out StepDraws draws);
            Vector<double> bidDepth = mid - stepBid;
            Vector<double> askDepth = stepAsk - mid;
            Vector<long> bought, sold;
            // The table decides fresh quotes only (table runs decide every step, see RunGroup).
            if (decide && policy.TryFills(mid, inventory, draws.BidFill, draws.AskFill, out bought, out sold))
            {
                // Fresh quotes: a side is live exactly when its price is not NaN, which is what the probabilities would test.
                bought = Vector.BitwiseAnd(bought, stepBidLive);
                sold = Vector.BitwiseAnd(sold, stepAskLive);
            }
            else if (TFills.FromTable)
            {
                break;
            }
            else
            {
                Fills<TFeatures>(in c, in draws, bidDepth, askDepth, ref bidExcitation, ref askExcitation, out bought, out sold);
            }

            random = next;
            if (decide)
            {
                nextDecision = time + _settings.DecisionInterval;
            }

            orders -= newOrders;
            liveBid = stepBid;
            liveAsk = stepAsk;
            bidSize = stepBidSize;
            askSize = stepAskSize;

            Vector<long> twoSided = Vector.BitwiseAnd(stepBidLive, stepAskLive);
            Vector<double> quotedSpread = liveAsk - liveBid;
            spreadSum += Where(twoSided, quotedSpread);
            spreadSteps -= twoSided;

            ref Vector<double> stepTrace = ref Unsafe.Add(ref traced, 2 * (step - from));
            stepTrace = inventory;

            // Ledger, in the event loop's order: the buy first, then the sell; notional, then fee.
            // A zero fee is skipped rather than subtracted: x − 0 is x, so the numbers are the same.
            Vector<double> boughtQuantity = Where(bought, bidSize);
            Vector<double> soldQuantity = Where(sold, askSize);
            Vector<double> buyPrice = liveBid, sellPrice = liveAsk;
            if (hasSlippage)
            {
                // As the event loop: the price moves against us; the fee stays on the quoted price.
                Vector<double> bidSlip = liveBid * slippageRate, askSlip = liveAsk * slippageRate;
                buyPrice = liveBid + bidSlip;
                sellPrice = liveAsk - askSlip;
                slippage += Where(bought, bidSlip * bidSize) + Where(sold, askSlip * askSize);
                bidDepth = mid - buyPrice;
                askDepth = sellPrice - mid;
            }

            if (hasFees)
            {
                Vector<double> bidFee = Where(bought, feeRate * liveBid * bidSize);
                Vector<double> askFee = Where(sold, feeRate * liveAsk * askSize);
                cash = cash - Where(bought, buyPrice * bidSize) - bidFee;
                cash = cash + Where(sold, sellPrice * askSize) - askFee;
                fees += bidFee + askFee;
            }
            else
            {
                cash = cash - Where(bought, buyPrice * bidSize);
                cash = cash + Where(sold, sellPrice * askSize);
            }

            inventory = inventory + boughtQuantity - soldQuantity;

            // Flat is exactly zero, as in the ledger (all its lots closed), not the round-off left by
            // summing fractional fills: strategies see the same inventory either way.
            inventory = Unless(Vector.LessThan(Vector.Abs(inventory), flatTolerance), inventory);
            fills -= bought + sold;
            turnover += boughtQuantity + soldQuantity;
            Vector<double> stepEdge = Where(bought, bidDepth * bidSize) + Where(sold, askDepth * askSize);
            edge += stepEdge;
            captureEdge += Where(twoSided, stepEdge);
            captureHalfSpread += Where(twoSided, quotedSpread * half * (boughtQuantity + soldQuantity));

            bidLive = Vector.AndNot(stepBidLive, bought);
            askLive = Vector.AndNot(stepAskLive, sold);

            ModelStepKernel.MoveMid<TFeatures>(in c, in draws, bought, sold, boughtQuantity, soldQuantity, ref mid, ref alpha);

            Unsafe.Add(ref stepTrace, 1) = cash + (inventory * mid);
        }

        TracePath(ref s, trace, step - from, limit);

        s.Random = random;
        s.Mid = mid;
        s.Inventory = inventory;
        s.Cash = cash;
        s.Alpha = alpha;
        s.BidExcitation = bidExcitation;
        s.AskExcitation = askExcitation;
        s.LiveBid = liveBid;
        s.LiveAsk = liveAsk;
        s.LiveBidQuantity = bidSize;
        s.LiveAskQuantity = askSize;
        s.BidLive = bidLive;
        s.AskLive = askLive;
        s.Fills = fills;
        s.Orders = orders;
        s.SpreadSteps = spreadSteps;
        s.Fees = fees;
        s.Slippage = slippage;
        s.Turnover = turnover;
        s.Edge = edge;
        s.CaptureEdge = captureEdge;
        s.CaptureHalfSpread = captureHalfSpread;
        s.SpreadSum = spreadSum;
        s.NextDecision = nextDecision;
        return step;
    }

    /// <summary>
    /// The statistics of the inventory and equity path over <paramref name="steps"/> traced steps, in
    /// step order as the step loop would add them: kept out of that loop, their seven accumulators
    /// would be seven more vectors live in it, beyond the registers.
    /// </summary>
    /// <param name="limit">The |inventory| counted as at the limit (the binding one); +∞ for none.</param>
    private static void TracePath(ref LaneState s, Vector<double>[] trace, int steps, double limit)
    {
        Vector<double> zero = Vector<double>.Zero;
        Vector<double> one = Vector<double>.One;
        Vector<double> limitLevel = new(limit - 1e-9);
        bool countsLimit = double.IsFinite(limit);
        Vector<double> absInventoryTime = s.AbsInventoryTime, longSquaredInventoryTime = s.LongSquaredInventoryTime;
        Vector<double> shortSquaredInventoryTime = s.ShortSquaredInventoryTime, timeAtLimit = s.TimeAtLimit;
        Vector<double> maxAbsInventory = s.MaxAbsInventory, peak = s.Peak, maxDrawdown = s.MaxDrawdown;
        for (int step = 0; step < steps; step++)
        {
            // Inventory held over this step (sums of steps; times dt at the end).
            Vector<double> inventory = trace[2 * step];
            Vector<double> absInventory = Vector.Abs(inventory);
            absInventoryTime += absInventory;
            Vector<double> squaredInventory = inventory * inventory;
            Vector<long> isLong = Vector.GreaterThan(inventory, zero);
            longSquaredInventoryTime += Where(isLong, squaredInventory);
            shortSquaredInventoryTime += Unless(isLong, squaredInventory);
            if (countsLimit)
            {
                timeAtLimit += Where(Vector.GreaterThanOrEqual(absInventory, limitLevel), one);
            }

            // The largest |q| held: each step's inventory before its fills is the one after the step
            // before, and the caller adds the last (max is exact, so the order does not matter).
            // The processor's max (one instruction; Vector.Max's IEEE rules for NaN and ±0 cost eight):
            // the same here, as neither a NaN nor a −0 can arise (cash and equity start at +0 or away
            // from zero, x − x is +0, and |q| has no sign).
            maxAbsInventory = Vector.MaxNative(maxAbsInventory, absInventory);
            Vector<double> equity = trace[(2 * step) + 1];
            peak = Vector.MaxNative(peak, equity);
            maxDrawdown = Vector.MaxNative(maxDrawdown, peak - equity);
        }

        s.AbsInventoryTime = absInventoryTime;
        s.LongSquaredInventoryTime = longSquaredInventoryTime;
        s.ShortSquaredInventoryTime = shortSquaredInventoryTime;
        s.TimeAtLimit = timeAtLimit;
        s.MaxAbsInventory = maxAbsInventory;
        s.Peak = peak;
        s.MaxDrawdown = maxDrawdown;
    }

    /// <summary>
    /// Fills from the probabilities of the quotes' depths: the exponentials, off the step's hot path (a
    /// fill table decides most steps), so the JIT does not hold the step's state around them.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Fills<TFeatures>(in ModelConstants c, in StepDraws draws, Vector<double> bidDepth, Vector<double> askDepth, ref Vector<double> bidExcitation, ref Vector<double> askExcitation, out Vector<long> bought, out Vector<long> sold)
        where TFeatures : struct, IStepFeatures
    {
        Vector<double> bidProbability, askProbability;
        if (!TFeatures.Plain && c.Hawkes)
        {
            bidProbability = ModelStepKernel.HawkesFillProbability(in c, bidDepth, ModelStepKernel.HawkesArrivals(in c, ref bidExcitation, draws.BidArrivals));
            askProbability = ModelStepKernel.HawkesFillProbability(in c, askDepth, ModelStepKernel.HawkesArrivals(in c, ref askExcitation, draws.AskArrivals));
        }
        else
        {
            bidProbability = ModelStepKernel.PoissonFillProbability(in c, bidDepth);
            askProbability = ModelStepKernel.PoissonFillProbability(in c, askDepth);
        }

        bought = Vector.LessThan(draws.BidFill, bidProbability);
        sold = Vector.LessThan(draws.AskFill, askProbability);
    }

    /// <summary>x where the mask is set, else +0: ConditionalSelect(mask, x, 0) in one instruction instead of three.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Where(Vector<long> mask, Vector<double> x) => Vector.BitwiseAnd(x, Vector.AsVectorDouble(mask));

    /// <summary>x where the mask is clear, else +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Unless(Vector<long> mask, Vector<double> x) => Vector.AndNot(x, Vector.AsVectorDouble(mask));

    // Steps run between two passes over the trace: 128 steps of two vectors are 16 KB at 512 bits, in L1 cache.
    private const int TraceSteps = 128;
}
