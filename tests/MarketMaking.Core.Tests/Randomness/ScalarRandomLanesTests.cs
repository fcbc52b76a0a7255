using MarketMaking.Core.Randomness;

namespace MarketMaking.Core.Tests.Randomness;

public class ScalarRandomLanesTests
{
    [VectorLanesFact]
    public void EachLaneDrawsItsScalarStreamAndStoresItBack()
    {
        // Streams 3 … 6 of seed 8 advanced in lanes, against the same streams advanced one by one.
        var streams = new ScalarRandom[8];
        var scalar = new ScalarRandom[8];
        for (int i = 0; i < 8; i++)
        {
            streams[i] = new ScalarRandom(8, i);
            scalar[i] = new ScalarRandom(8, i);
        }

        var lanes = ScalarRandomLanes.Load(streams, 3);
        for (int draw = 0; draw < 50; draw++)
        {
            var bits = lanes.NextBits();
            long uniform = lanes.NextUniformInteger()[draw % 4];
            bool coin = lanes.NextBoolMask()[draw % 4] != 0;
            for (int lane = 0; lane < 4; lane++)
            {
                Assert.Equal(scalar[3 + lane].NextBits(), bits[lane]);
                double u = scalar[3 + lane].NextUniform();
                bool heads = scalar[3 + lane].NextBool();
                if (lane == draw % 4)
                {
                    Assert.Equal(u, uniform / 9007199254740992.0);
                    Assert.Equal(heads, coin);
                }
            }
        }

        lanes.Store(streams, 3);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(scalar[i].NextBits(), streams[i].NextBits());
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.0367879441171442)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(1.7)]
    public void TheThresholdSplitsTheUniformsExactlyWhereTheComparisonDoes(double p)
    {
        // u = k·2⁻⁵³ is below p for k = threshold − 1 and not for k = threshold (where k stays below 2⁵³).
        long threshold = ScalarRandomLanes.UniformThreshold(p);
        const double Unit = 1.0 / 9007199254740992.0;
        if (threshold > 0)
        {
            Assert.True((threshold - 1) * Unit < p);
        }

        if (threshold < 9007199254740992L)
        {
            Assert.False(threshold * Unit < p);
        }
        else
        {
            Assert.True(p >= 1);
        }
    }
}
