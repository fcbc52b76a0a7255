using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Environments;

/// <summary>
/// The discrete actions of a market-making agent: a bid depth and an ask depth (price units from
/// the mid), chosen independently from two lists; action = bidIndex·AskCount + askIndex, so the
/// 5 × 5 grid {1, 2, 3, 5, 10} ticks per side is 25 actions, asymmetric ones included.
/// </summary>
public sealed class DepthGrid
{
    private readonly double[] _bids;
    private readonly double[] _asks;

    public DepthGrid(IReadOnlyList<double> bidDepths, IReadOnlyList<double> askDepths)
    {
        ArgumentNullException.ThrowIfNull(bidDepths);
        ArgumentNullException.ThrowIfNull(askDepths);
        if (bidDepths.Count == 0 || askDepths.Count == 0 || bidDepths.Concat(askDepths).Any(d => !double.IsFinite(d)))
        {
            throw new InvalidParameterException("depths", "need at least one finite depth per side");
        }

        _bids = [.. bidDepths];
        _asks = [.. askDepths];
    }

    /// <summary>The same depths on both sides.</summary>
    public static DepthGrid Symmetric(IReadOnlyList<double> depths) => new(depths, depths);

    /// <summary>Depths in ticks times the tick size.</summary>
    public static DepthGrid InTicks(IReadOnlyList<double> ticks, double tickSize) => Symmetric([.. ticks.Select(t => t * tickSize)]);

    public IReadOnlyList<double> BidDepths => _bids;

    public IReadOnlyList<double> AskDepths => _asks;

    public int BidCount => _bids.Length;

    public int AskCount => _asks.Length;

    public int Count => _bids.Length * _asks.Length;

    public double BidDepth(int action) => _bids[action / _asks.Length];

    public double AskDepth(int action) => _asks[action % _asks.Length];

    public int Action(int bidIndex, int askIndex) => (bidIndex * _asks.Length) + askIndex;

    /// <summary>The action whose depths are nearest to the given ones (for comparing with analytical quotes).</summary>
    public int Nearest(double bidDepth, double askDepth) =>
        Action(NearestIndex(_bids, bidDepth), NearestIndex(_asks, askDepth));

    private static int NearestIndex(double[] depths, double depth)
    {
        int best = 0;
        for (int i = 1; i < depths.Length; i++)
        {
            if (Math.Abs(depths[i] - depth) < Math.Abs(depths[best] - depth))
            {
                best = i;
            }
        }

        return best;
    }
}
