using MarketMaking.Core.Errors;
using MarketMaking.Core.Books;
using MarketMaking.Signals.Book;

namespace MarketMaking.Signals.Tests.Book;

public class MicropriceTests
{
    [Fact]
    public void IsTheWeightedMidUntilFitted()
    {
        var microprice = new Microprice();

        microprice.Update(Books.Of([(100, 5)], [(101, 2)]));

        Assert.False(microprice.IsFitted);
        Assert.Equal(705.0 / 7, microprice.Value, 1e-12);
    }

    [Fact]
    public void FitsAHandComputedChain()
    {
        // Two imbalance buckets (I < 0, I ≥ 0), one spread bucket. Samples:
        //   s1 = (bucket 1, mid 100.5), s2 = (1, 100.5), s3 = (0, 101.5), s4 = (1, 101.5)
        // transitions 1→1 (ΔM 0), 1→0 (+1), 0→1 (0), mirrored: 0→0 (0), 0→1 (−1), 1→0 (0).
        // From 0: stay 0→0, stay 0→1, move 0→1 (ΔM −1), 3 in all; from 1 the mirror image.
        //   Q = [[1/3, 1/3], [1/3, 1/3]], T = [[0, 1/3], [1/3, 0]], R·K = [−1/3, 1/3]
        //   (I − Q)⁻¹ = [[2, 1], [1, 2]] → G¹ = [−1/3, 1/3], B = [[1/3, 2/3], [2/3, 1/3]]
        //   B·G¹ = [1/9, −1/9] = −G¹/3, so G* = G¹·Σ(−1/3)ᵏ = G¹·3/4 = [−1/4, 1/4].
        var estimator = new MicropriceEstimator(imbalanceBuckets: 2, spreadBuckets: 1);
        var book = new OrderBook();
        Observe(estimator, book, 100, 3, 101, 1);
        Observe(estimator, book, 100, 3, 101, 1);
        Observe(estimator, book, 101, 1, 102, 3);
        Observe(estimator, book, 101, 3, 102, 1);

        MicropriceModel model = estimator.Fit();

        Assert.Equal(3, estimator.Transitions);
        Assert.Equal(1, estimator.MidChanges);
        Assert.Equal(-0.25, model.Adjustments[0], 1e-9);
        Assert.Equal(0.25, model.Adjustments[1], 1e-9);

        var microprice = new Microprice(model);
        microprice.Update(book);
        Assert.Equal(101.5 + 0.25, microprice.Value, 1e-9); // bid 101×3, ask 102×1
    }

    [Fact]
    public void RecoversAKnownAdjustmentFromSyntheticData()
    {
        // Touch states: I ∈ {−0.75, −0.25, 0.25, 0.75} (sizes 1:7, 3:5, 5:3, 7:1), spread 1 or 3.
        // Each sample the mid moves ±1 tick with probability p = 0.3, up with probability
        // (1 + I·c(S))/2 with c(1) = 0.5, c(3) = 1, so the next mid change has mean G¹ = I·c(S);
        // otherwise nothing changes. After a move the state stays with probability ρ = 0.5 or is
        // redrawn uniformly (mean G¹ zero), so Bᵏ G¹ = ρᵏ G¹ and G* = G¹/(1 − ρ) = 2·I·c(S):
        // G*(0.75, 3) = 1.5, G*(−0.25, 1) = −0.25, … Spread 2 never occurs: no estimate there.
        double[] imbalances = [-0.75, -0.25, 0.25, 0.75];
        long[] bidSizes = [1, 3, 5, 7];
        long[] spreads = [1, 3];
        var random = new Random(11);
        var estimator = new MicropriceEstimator(imbalanceBuckets: 4, spreadBuckets: 3);
        var book = new OrderBook();
        int imbalanceIndex = 0;
        int spreadIndex = 0;
        long bid = 1000;
        for (int step = 0; step < 400_000; step++)
        {
            long spread = spreads[spreadIndex];
            Books.Touch(book, bid, bidSizes[imbalanceIndex], bid + spread, 8 - bidSizes[imbalanceIndex]);
            estimator.Observe(book);
            if (random.NextDouble() >= 0.3)
            {
                continue;
            }

            double c = spread == 1 ? 0.5 : 1;
            double up = (1 + (imbalances[imbalanceIndex] * c)) / 2;
            double mid = bid + (spread / 2.0) + (random.NextDouble() < up ? 1 : -1);
            if (random.NextDouble() >= 0.5)
            {
                imbalanceIndex = random.Next(4);
                spreadIndex = random.Next(2);
            }

            bid = (long)(mid - (spreads[spreadIndex] / 2.0));
        }

        MicropriceModel model = estimator.Fit();

        foreach (long spread in spreads)
        {
            foreach (double imbalance in imbalances)
            {
                double expected = 2 * imbalance * (spread == 1 ? 0.5 : 1);
                Assert.Equal(expected, model.Adjustment(imbalance, spread), 0.06);
            }
        }

        Assert.True(double.IsNaN(model.Adjustment(0.5, 2)));
        var microprice = new Microprice(model);
        microprice.Update(Books.Of([(100, 7)], [(103, 1)]));
        Assert.Equal(101.5 + 1.5, microprice.Value, 0.06);
        microprice.Update(Books.Of([(100, 7)], [(102, 1)]));
        Assert.Equal(((100.0 * 1) + (102.0 * 7)) / 8, microprice.Value, 1e-12); // spread 2: weighted mid
    }

    [Fact]
    public void FittingWithoutMidChangesFails()
    {
        var estimator = new MicropriceEstimator();
        var book = Books.Of([(100, 3)], [(101, 1)]);
        estimator.Observe(book);
        estimator.Observe(book);

        Assert.Throws<InsufficientDataException>(estimator.Fit);
    }

    [Fact]
    public void AnEmptySideBreaksTheChain()
    {
        var estimator = new MicropriceEstimator();
        estimator.Observe(Books.Of([(100, 3)], [(101, 1)]));
        estimator.Observe(Books.Of([(100, 3)], []));
        estimator.Observe(Books.Of([(105, 3)], [(106, 1)]));

        Assert.Equal(0, estimator.Transitions);
    }

    private static void Observe(MicropriceEstimator estimator, OrderBook book, long bid, long bidSize, long ask, long askSize)
    {
        Books.Touch(book, bid, bidSize, ask, askSize);
        estimator.Observe(book);
    }
}
