using MarketMaking.Core.Errors;
using MarketMaking.Learning.Supervised;

namespace MarketMaking.Learning.Tests.Supervised;

public class AucIntervalTests
{
    [Fact]
    public void TheAucOfAHandRankedExampleIsTheShareOfOrderedPairs()
    {
        // Positives score 0.35 and 0.8, negatives 0.1 and 0.4: 0.35 beats 0.1 but not 0.4, 0.8 beats
        // both, so 3 of the 4 positive–negative pairs are ordered: AUC 0.75.
        ClassifierEvaluation evaluation = ClassifierEvaluation.Evaluate([0.1, 0.4, 0.35, 0.8], [false, false, true, true]);
        Assert.Equal(0.75, evaluation.Auc, 12);
    }

    [Fact]
    public void HanleyMcNeilByHand()
    {
        // A = 0.8, 10 positives, 10 negatives: Q₁ = 0.8/1.2 = 2/3, Q₂ = 2·0.64/1.8 = 32/45;
        // var = (0.16 + 9(2/3 − 0.64) + 9(32/45 − 0.64))/100 = (0.16 + 0.24 + 0.64)/100 = 0.0104.
        AucInterval interval = AucInterval.HanleyMcNeil(0.8, 10, 10);
        Assert.Equal(Math.Sqrt(0.0104), interval.StandardError, 12);
        Assert.Equal(0.8 - (1.959963984540054 * Math.Sqrt(0.0104)), interval.Lower, 12);
        Assert.Equal(0.8 + (1.959963984540054 * Math.Sqrt(0.0104)), interval.Upper, 12);

        // Near 1 the upper end is clipped; the 0.75 example above on 2 + 2 rows is wide.
        Assert.Equal(1, AucInterval.HanleyMcNeil(0.99, 5, 5).Upper);
        AucInterval small = AucInterval.Of(ClassifierEvaluation.Evaluate([0.1, 0.4, 0.35, 0.8], [false, false, true, true]));
        Assert.Equal(0.75, small.Auc, 12);
        Assert.True(small.Upper - small.Lower > 0.5);

        // By hand: Q₁ − A² = 3/5 − 9/16 = 3/80, Q₂ − A² = 9/14 − 9/16 = 9/112, A(1 − A) = 3/16;
        // var = (3/16 + 3/80 + 9/112)/4 = 171/2240, so 0.75 + 1.96·0.2763 passes 1 and is clipped.
        Assert.Equal(Math.Sqrt(171.0 / 2240), small.StandardError, 12);
        Assert.Equal(0.75 - (1.959963984540054 * Math.Sqrt(171.0 / 2240)), small.Lower, 12);
        Assert.Equal(1, small.Upper);
    }

    [Fact]
    public void OneClassHasNoInterval() =>
        Assert.Throws<InsufficientDataException>(() => AucInterval.HanleyMcNeil(0.5, 0, 4));
}
