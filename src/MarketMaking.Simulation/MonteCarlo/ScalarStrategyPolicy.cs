using System.Numerics;
using System.Runtime.CompilerServices;
using MarketMaking.Core.Quoting;
using MarketMaking.Simulation.Model;
using MarketMaking.Strategies;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// Runs any scalar strategy in the vectorized engine by asking it once per lane with the context
/// the event loop would build. Strategies are stateless, so one instance serves every lane. Only
/// one level per side is simulated here; multi-level strategies run through the event loop.
/// </summary>
internal struct ScalarStrategyPolicy : IVectorQuotingPolicy
{
    private readonly IQuotingStrategy _strategy;
    private readonly double _volatility;
    private double _time;
    private double _timeLeft;

    public ScalarStrategyPolicy(IQuotingStrategy strategy, ModelMarketParameters market)
    {
        _strategy = strategy;
        _volatility = market.Sigma;
    }

    public readonly double FixedQuantity => double.NaN;

    public readonly bool HasFillTable => false;

    public void BeginStep(int step, double time, double timeLeft)
    {
        _time = time;
        _timeLeft = timeLeft;
    }

    public readonly void Quote(
        int firstTrajectory,
        Vector<double> mid,
        Vector<double> inventory,
        Vector<double> alpha,
        out Vector<double> bid,
        out Vector<double> ask,
        out Vector<double> bidQuantity,
        out Vector<double> askQuantity)
    {
        int width = Vector<double>.Count;
        Span<double> values = stackalloc double[4 * width];
        for (int lane = 0; lane < width; lane++)
        {
            var context = new QuoteContext
            {
                Time = _time,
                TimeLeft = _timeLeft,
                Mid = mid[lane],
                BestBid = double.NaN,
                BestAsk = double.NaN,
                Inventory = inventory[lane],
                Volatility = _volatility,
                Alpha = alpha[lane],
            };
            QuoteDecision decision = _strategy.Decide(in context);
            if (decision.BidCount > 1 || decision.AskCount > 1)
            {
                throw new NotSupportedException($"strategy '{_strategy.Name}' quotes several levels: run it through the event loop, not the vectorized engine");
            }

            (values[lane], values[width + lane]) = decision.BidCount == 1 ? decision.Bids[0] : new QuoteLevel(double.NaN, double.NaN);
            (values[(2 * width) + lane], values[(3 * width) + lane]) = decision.AskCount == 1 ? decision.Asks[0] : new QuoteLevel(double.NaN, double.NaN);
        }

        bid = new Vector<double>(values[..width]);
        bidQuantity = new Vector<double>(values.Slice(width, width));
        ask = new Vector<double>(values.Slice(2 * width, width));
        askQuantity = new Vector<double>(values.Slice(3 * width, width));
    }

    public readonly bool TryFills(Vector<double> mid, Vector<double> inventory, Vector<double> bidUniform, Vector<double> askUniform, out Vector<long> bought, out Vector<long> sold)
    {
        Unsafe.SkipInit(out bought);
        Unsafe.SkipInit(out sold);
        return false;
    }
}
