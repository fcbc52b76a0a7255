using System.Numerics;
using MarketMaking.Core.Accounting;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Randomness;
using MarketMaking.Simulation.Engine;

namespace MarketMaking.Simulation.Model;

/// <summary>
/// One trajectory of the model-based market, driven by the event loop one step at a time. Every
/// SIMD lane carries this same trajectory through <see cref="ModelStepKernel"/>, so its numbers are
/// those of trajectory <c>trajectory</c> in the vectorized engine with the same seed. Quotes at
/// several levels on a side share the step's uniform: an arriving market order that reaches a
/// deeper quote also fills the shallower ones.
/// </summary>
public sealed class ModelMarket : IMarket
{
    private const int MaxOrdersPerSide = 64;

    private readonly ModelMarketParameters _parameters;
    private readonly ModelConstants _constants;
    private readonly RestingOrder[] _bids = new RestingOrder[MaxOrdersPerSide];
    private readonly RestingOrder[] _asks = new RestingOrder[MaxOrdersPerSide];
    private VectorRandom _random;
    private Vector<double> _mid;
    private Vector<double> _alpha;
    private Vector<double> _bidExcitation;
    private Vector<double> _askExcitation;
    private int _bidCount;
    private int _askCount;
    private int _step;
    private long _nextOrderId = 1;

    public ModelMarket(ModelMarketParameters parameters, ulong seed, long trajectory = 0)
    {
        _parameters = parameters.Validate();
        _constants = new ModelConstants(parameters);
        Instrument = parameters.Instrument;
        _random = VectorRandom.ForTrajectory(seed, trajectory);
        _mid = new Vector<double>(parameters.InitialMid);
        _bidExcitation = new Vector<double>(_constants.HawkesInitialExcitation);
        _askExcitation = _bidExcitation;
    }

    public Instrument Instrument { get; }

    public double Time => _step * _parameters.TimeStep;

    public double TimeLeft => _parameters.Horizon - Time;

    public double Mid => _mid[0];

    public double BestBid => double.NaN;

    public double BestAsk => double.NaN;

    public double Volatility => _parameters.Sigma;

    public double Alpha => _alpha[0];

    public bool IsFinished => _step >= _parameters.Steps;

    public long Submit(Side side, double price, double quantity)
    {
        long id = _nextOrderId++;
        if (side == Side.Buy)
        {
            _bids[Reserve(_bidCount++)] = new RestingOrder(id, price, quantity);
        }
        else
        {
            _asks[Reserve(_askCount++)] = new RestingOrder(id, price, quantity);
        }

        return id;
    }

    public void Cancel(long orderId)
    {
        if (!Remove(_bids, ref _bidCount, orderId))
        {
            Remove(_asks, ref _askCount, orderId);
        }
    }

    public void Reduce(long orderId, double newQuantity)
    {
        int i = IndexOf(_bids, _bidCount, orderId);
        if (i >= 0)
        {
            _bids[i] = _bids[i] with { Quantity = newQuantity };
            return;
        }

        i = IndexOf(_asks, _askCount, orderId);
        if (i >= 0)
        {
            _asks[i] = _asks[i] with { Quantity = newQuantity };
        }
    }

    public void Advance(List<Fill> fills)
    {
        if (IsFinished)
        {
            throw new InvalidOperationException("the model market has reached its horizon");
        }

        ModelStepKernel.Draw(in _constants, ref _random, out StepDraws draws);
        Vector<double> bidArrivals = default;
        Vector<double> askArrivals = default;
        if (_constants.Hawkes)
        {
            bidArrivals = ModelStepKernel.HawkesArrivals(in _constants, ref _bidExcitation, draws.BidArrivals);
            askArrivals = ModelStepKernel.HawkesArrivals(in _constants, ref _askExcitation, draws.AskArrivals);
        }

        double time = Time;
        double mid = Mid;
        double bought = FillSide(Side.Buy, _bids, ref _bidCount, draws.BidFill[0], bidArrivals, time, mid, fills);
        double sold = FillSide(Side.Sell, _asks, ref _askCount, draws.AskFill[0], askArrivals, time, mid, fills);

        ModelStepKernel.MoveMid(in _constants, in draws, Mask(bought > 0), Mask(sold > 0), new Vector<double>(bought), new Vector<double>(sold), ref _mid, ref _alpha);
        _step++;
    }

    /// <summary>Fills this side's orders the step's market order reaches; returns the quantity filled.</summary>
    private double FillSide(Side side, RestingOrder[] orders, ref int count, double uniform, Vector<double> arrivals, double time, double mid, List<Fill> fills)
    {
        double filled = 0;
        for (int i = 0; i < count;)
        {
            RestingOrder order = orders[i];
            double depth = side == Side.Buy ? mid - order.Price : order.Price - mid;
            Vector<double> depthVector = new(depth);
            double probability = _constants.Hawkes
                ? ModelStepKernel.HawkesFillProbability(in _constants, depthVector, arrivals)[0]
                : ModelStepKernel.PoissonFillProbability(in _constants, depthVector)[0];
            if (uniform < probability)
            {
                double fee = Instrument.Fee(order.Price, order.Quantity, isMaker: true);
                fills.Add(new Fill(time, order.Id, side, order.Price, order.Quantity, fee, IsMaker: true, mid));
                RemoveAt(orders, ref count, i);
                filled += order.Quantity;
                continue;
            }

            i++;
        }

        return filled;
    }

    private static Vector<long> Mask(bool value) => value ? Vector<long>.AllBitsSet : Vector<long>.Zero;

    private static int Reserve(int index) =>
        index < MaxOrdersPerSide ? index : throw new InvalidOperationException($"at most {MaxOrdersPerSide} resting orders per side");

    private static int IndexOf(RestingOrder[] orders, int count, long id)
    {
        for (int i = 0; i < count; i++)
        {
            if (orders[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Remove(RestingOrder[] orders, ref int count, long id)
    {
        int i = IndexOf(orders, count, id);
        if (i < 0)
        {
            return false;
        }

        RemoveAt(orders, ref count, i);
        return true;
    }

    // Keeps submission order, so fills within a step are applied in a fixed order.
    private static void RemoveAt(RestingOrder[] orders, ref int count, int index)
    {
        Array.Copy(orders, index + 1, orders, index, count - index - 1);
        count--;
    }

    private readonly record struct RestingOrder(long Id, double Price, double Quantity);
}
