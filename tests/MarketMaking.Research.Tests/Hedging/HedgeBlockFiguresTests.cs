using MarketMaking.Research.Hedging;
using MarketMaking.Simulation.Hedging;

namespace MarketMaking.Research.Tests.Hedging;

/// <summary>Block PnL and squared inventory PnL of five hand-made samples, one a second, in blocks of 2 s.</summary>
public class HedgeBlockFiguresTests
{
    // (time s, q₁, q₂, P₁, P₂, quoted equity, hedge equity, hedge move q₂ held · ΔP₂ since the previous sample)
    private static readonly HedgeSample[] Samples =
    [
        new(0, 1, 0, 100, 10, 0, 0),
        new(1_000_000_000, 2, -1, 102, 11, 2, 0, 0),
        new(2_000_000_000, 2, -1, 101, 12, 0, -1, -1 * (12 - 11)),
        new(3_000_000_000, 1, 0, 104, 10, 6, 1, -1 * (10 - 12)),
        new(4_000_000_000, 0, 0, 110, 20, 12, 1, 0),
    ];

    [Fact]
    public void WholeBlocksCloseBeforeTheNextBlocksSampleAndTheUnfinishedLastOneCountsNowhere()
    {
        var (hedged, unhedged, hedgedSquares, unhedgedSquares, periods) = HedgeSummary.BlockFigures(Samples, blockSeconds: 2);

        // Block 1: samples 0→1; block 2: samples 1→3; the period 3→4 starts a block the data never finishes.
        Assert.Equal([2.0, (6 + 1) - (2 + 0)], hedged);
        Assert.Equal([2.0, 6 - 2], unhedged);

        // q·ΔP per period: quoted 1·2, 2·(−1), 2·3; hedge 0, −1·1, −1·(−2).
        Assert.Equal([2.0 * 2, (-2.0 * -2) + (6 * 6)], unhedgedSquares);
        Assert.Equal([2.0 * 2, (-3.0 * -3) + (8 * 8)], hedgedSquares);

        // The inventory risk's mean square divides by the periods of those blocks (3), not by every period (4).
        Assert.Equal(3, periods);
    }
}
