using System.Numerics;
using System.Runtime.CompilerServices;
using MarketMaking.Simulation.Model;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// Native vector form of a strategy that reads depths from an inventory table (exact GLFT,
/// Cartea–Jaimungal): each lane looks up its own inventory's row, as the scalar strategy does.
/// </summary>
internal struct InventoryTablePolicy : IVectorQuotingPolicy
{
    private readonly InventoryDepthTable _table;
    private readonly double _orderQuantity;
    private readonly int[] _rows;
    private int _row;

    public InventoryTablePolicy(IInventoryTableQuoting model, ModelMarketParameters market)
    {
        _table = model.Table;
        _orderQuantity = model.OrderQuantity;
        _rows = new int[market.Steps];
        for (int step = 0; step < _rows.Length; step++)
        {
            double time = step * market.TimeStep;
            _rows[step] = _table.StepFor(market.Horizon - time);
        }
    }

    public readonly double FixedQuantity => _orderQuantity;

    public readonly bool HasFillTable => false;

    public void BeginStep(int step, double time, double timeLeft) => _row = _rows[step];

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
        Span<double> bidDepth = stackalloc double[width];
        Span<double> askDepth = stackalloc double[width];
        for (int lane = 0; lane < width; lane++)
        {
            int index = _table.InventoryIndex(inventory[lane], _orderQuantity);
            bidDepth[lane] = _table.BidDepth(_row, index);
            askDepth[lane] = _table.AskDepth(_row, index);
        }

        bid = mid - new Vector<double>(bidDepth);
        ask = mid + new Vector<double>(askDepth);
        bidQuantity = new Vector<double>(_orderQuantity);
        askQuantity = bidQuantity;
    }

    public readonly bool TryFills(Vector<double> mid, Vector<double> inventory, Vector<double> bidUniform, Vector<double> askUniform, out Vector<long> bought, out Vector<long> sold)
    {
        Unsafe.SkipInit(out bought);
        Unsafe.SkipInit(out sold);
        return false;
    }
}
