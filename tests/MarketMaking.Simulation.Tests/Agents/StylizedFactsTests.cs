using MarketMaking.Simulation.Agents;

namespace MarketMaking.Simulation.Tests.Agents;

/// <summary>Concave impact is a log-log slope clearly below 1, not a ratio of bucket means.</summary>
public class StylizedFactsTests
{
    private static StylizedFacts WithImpact(params ImpactBucket[] buckets) => new(0, 0, [], 0, [], buckets, 0);

    [Fact]
    public void TheImpactExponentIsTheWeightedLogLogSlopeWithItsInterval()
    {
        // Impact 1 at size 1 and 2 at size 4: β = ln 2 / ln 4 = ½. Both ln-means have standard error
        // 0.01 (se/mean), weight 10⁴; Sxx = 10⁴·(ln 4)²/2, so se(β) = √(2·10⁻⁴)/ln 4 = 0.0102014.
        StylizedFacts facts = WithImpact(new ImpactBucket(1, 1, 1000, 1, 1, 0.01), new ImpactBucket(2, 7, 1000, 4, 2, 0.02));

        Assert.Equal(0.5, facts.ImpactExponent.Value, 12);
        Assert.Equal(0.0102014, facts.ImpactExponent.StandardError, 7);
        Assert.True(facts.ImpactIsConcave);
    }

    [Fact]
    public void ImpactInProportionToSizeIsNotConcaveEvenWhenEachStepIsSmallerPerLot()
    {
        // Proportional: β = 1 exactly. Then a profile that falls per lot in every step but whose
        // slope's interval still reaches 1 (noisy buckets): the old per-lot rule called it concave.
        StylizedFacts proportional = WithImpact(new ImpactBucket(1, 1, 100, 1, 0.5, 0.01), new ImpactBucket(2, 3, 100, 2, 1, 0.02), new ImpactBucket(4, 7, 100, 4, 2, 0.04));
        StylizedFacts noisy = WithImpact(new ImpactBucket(1, 1, 100, 1, 0.40, 0.1), new ImpactBucket(2, 3, 100, 2.5, 0.99, 0.25), new ImpactBucket(4, 7, 100, 5, 1.95, 0.5));

        Assert.Equal(1, proportional.ImpactExponent.Value, 12);
        Assert.False(proportional.ImpactIsConcave);
        Assert.True(noisy.ImpactExponent.Upper > 1);
        Assert.False(noisy.ImpactIsConcave);
    }
}
