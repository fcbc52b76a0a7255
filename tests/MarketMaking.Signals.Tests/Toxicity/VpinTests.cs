using MarketMaking.Core.MarketData;
using MarketMaking.Signals.Toxicity;

namespace MarketMaking.Signals.Tests.Toxicity;

public class VpinTests
{
    [Fact]
    public void ClassifiesBarsAndFillsBuckets()
    {
        var vpin = new Vpin(bucketVolume: 10, buckets: 2);

        // Bar 1: ΔP = close − open = 0, σ of {0} = 0 → buy share ½; bucket 1 = 5 buy / 5 sell, |S − B| = 0.
        vpin.Update(new Bar(0, 100, 100, 100, 100, 10));
        Assert.Equal(0.5, vpin.LastBuyFraction);
        Assert.Equal(0, vpin.Value);
        Assert.False(vpin.IsReady);

        // Bar 2: ΔP = 102 − 100 = 2, σ of {0, 2} = √2, buy share Φ(√2) = 0.9213504.
        // Bucket 2 takes 10 lots: |1 − 2·0.9213504|·10 = 8.427008; 5 lots start bucket 3.
        // VPIN = (0 + 8.427008)/(2·10) = 0.4213504.
        vpin.Update(new Bar(60, 100, 102, 100, 102, 15));
        Assert.Equal(0.9213503964748574, vpin.LastBuyFraction, 1e-7);
        Assert.Equal(0.4213503964748574, vpin.Value, 1e-7);
        Assert.True(vpin.IsReady);

        // Bar 3: ΔP = −1, σ of {0, 2, −1} = √(7/3), buy share Φ(−1/1.5275) = 0.2563454.
        // Bucket 3 = 5·0.9213504 + 5·0.2563454 = 5.888479 buy of 10: |10 − 2·5.888479| = 1.776958.
        // Last two buckets: (8.427008 + 1.776958)/20 = 0.5101983.
        vpin.Update(new Bar(120, 102, 102, 101, 101, 5));
        Assert.Equal(0.510198284777767, vpin.Value, 1e-7);
        Assert.Equal(3, vpin.CompletedBuckets);
    }

    [Fact]
    public void ABarSpanningManyBucketsFillsThemAllAlike()
    {
        var vpin = new Vpin(bucketVolume: 10);
        vpin.Update(new Bar(0, 100, 100, 100, 100, 1));
        vpin.Update(new Bar(60, 100, 103, 100, 103, 1004)); // 9 lots close bucket 1, 99 whole buckets, 5 left

        double buy = vpin.LastBuyFraction;
        Assert.Equal(100, vpin.CompletedBuckets);
        Assert.True(vpin.IsReady);
        Assert.Equal(Math.Abs(1 - (2 * buy)), vpin.Value, 1e-9); // every one of the last 50 has that imbalance
    }

    [Fact]
    public void RejectsANonPositiveBucketVolume()
    {
        var error = Assert.Throws<Core.Errors.InvalidParameterException>(() => new Vpin(0));

        Assert.Equal("bucket_volume", error.Parameter);
    }
}
