using System.Numerics;
using System.Runtime.CompilerServices;
using MarketMaking.Simulation.Model;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// Native vector form of a strategy with quotes linear in inventory: the coefficients of every
/// step are computed once per run, and each lane applies them with the same operations as
/// <see cref="LinearQuote"/>, so prices match the scalar strategy bit for bit. Fills come from a
/// <see cref="FillThresholdTable"/> of the same coefficients where it applies.
/// </summary>
internal struct LinearInventoryPolicy : IVectorQuotingPolicy
{
    private readonly LinearQuote[] _coefficients;
    private readonly Vector<double> _orderQuantity;
    private readonly Vector<double> _maxInventory;
    private readonly bool _unitQuantity;
    private readonly bool _bounded;
    private readonly FillThresholdTable? _fills;
    private int _step;

    /// <param name="maxPosition">The run's position limit (bounds the inventories the fill table covers).</param>
    public LinearInventoryPolicy(ILinearInventoryQuoting model, ModelMarketParameters market, in ModelConstants constants, double maxPosition)
    {
        _coefficients = new LinearQuote[market.Steps];
        for (int step = 0; step < _coefficients.Length; step++)
        {
            double time = step * market.TimeStep;
            _coefficients[step] = model.CoefficientsAt(market.Horizon - time);
        }

        _orderQuantity = new Vector<double>(model.OrderQuantity);
        _maxInventory = new Vector<double>(model.MaxInventory);
        _unitQuantity = model.OrderQuantity == 1;
        _bounded = double.IsFinite(model.MaxInventory);
        FixedQuantity = model.OrderQuantity;
        _fills = FillThresholdTable.TryCreate(in constants, _coefficients, model.MaxInventory, maxPosition / model.OrderQuantity);
    }

    public double FixedQuantity { get; }

    public readonly bool HasFillTable => _fills is not null;

    // The step's coefficients are read where they are used, as broadcasts from memory (copied into
    // vector fields here, they were stored every step for the quote to load back).
    public void BeginStep(int step, double time, double timeLeft) => _step = step;

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
        // Skipped operations are exact no-ops (x / 1 is x; q ≥ ∞ never holds), so prices still match the scalar strategy.
        LinearQuote c = _coefficients[_step];
        Vector<double> q = _unitQuantity ? inventory : inventory / _orderQuantity;
        Vector<double> centre = mid - (new Vector<double>(c.Skew) * q);
        bid = centre - new Vector<double>(c.BidHalfSpread);
        ask = centre + new Vector<double>(c.AskHalfSpread);
        if (_bounded)
        {
            Vector<double> nan = new(double.NaN);
            bid = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(q, _maxInventory), nan, bid);
            ask = Vector.ConditionalSelect(Vector.LessThanOrEqual(q, -_maxInventory), nan, ask);
        }
        bidQuantity = _orderQuantity;
        askQuantity = _orderQuantity;
    }

    public readonly bool TryFills(Vector<double> mid, Vector<double> inventory, Vector<double> bidUniform, Vector<double> askUniform, out Vector<long> bought, out Vector<long> sold)
    {
        if (_fills is null)
        {
            Unsafe.SkipInit(out bought);
            Unsafe.SkipInit(out sold);
            return false;
        }

        // The q Quote used: the table's depths are those of these coefficients at this q.
        Vector<double> q = _unitQuantity ? inventory : inventory / _orderQuantity;
        return _fills.TryFills(_fills.RowOf(_step), new Vector<double>(_fills.BandOf(_step)), q, mid, bidUniform, askUniform, out bought, out sold);
    }
}
