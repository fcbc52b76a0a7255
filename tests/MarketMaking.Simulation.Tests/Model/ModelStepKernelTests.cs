using System.Numerics;
using MarketMaking.Core.Randomness;
using MarketMaking.Simulation.Model;

namespace MarketMaking.Simulation.Tests.Model;

public class ModelStepKernelTests
{
    [Fact]
    public void LinearAndExactFillProbabilitiesFollowTheirFormulas()
    {
        // A = 140, κ = 1.5, dt = 0.005, δ = 0.7: λ = 140·e^(−1.05) = 48.9911…; λ·dt = 0.244955…
        double lambdaDt = 140 * Math.Exp(-1.5 * 0.7) * 0.005;
        var linear = new ModelConstants(new ModelMarketParameters());
        var exact = new ModelConstants(new ModelMarketParameters { FillRule = FillRule.Exact });
        Vector<double> depth = new(0.7);

        Assert.Equal(lambdaDt, ModelStepKernel.PoissonFillProbability(in linear, depth)[0], 12);
        Assert.Equal(1 - Math.Exp(-lambdaDt), ModelStepKernel.PoissonFillProbability(in exact, depth)[0], 12);
        Assert.True(double.IsNaN(ModelStepKernel.PoissonFillProbability(in linear, new Vector<double>(double.NaN))[0]));
    }

    [Fact]
    public void HawkesFillProbabilityIsOneMinusMissingEveryArrival()
    {
        var c = new ModelConstants(new ModelMarketParameters { Arrivals = ArrivalProcess.Hawkes });

        // Reach per arrival e^(−1.5·0.4) = 0.548812; with 3 arrivals: 1 − (1 − 0.548812)³ = 0.908155.
        double reach = Math.Exp(-0.6);
        Assert.Equal(1 - Math.Pow(1 - reach, 3), ModelStepKernel.HawkesFillProbability(in c, new Vector<double>(0.4), new Vector<double>(3))[0], 12);
        Assert.Equal(0, ModelStepKernel.HawkesFillProbability(in c, new Vector<double>(0.4), Vector<double>.Zero)[0]);

        // A quote through the mid is reached by every arrival.
        Assert.Equal(1, ModelStepKernel.HawkesFillProbability(in c, new Vector<double>(-0.2), Vector<double>.One)[0]);
    }

    [Fact]
    public void HawkesArrivalsKeepMeanIntensityAAndCluster()
    {
        // Branching n = 0.7, β = 20: mean intensity A = 140 per time unit, but counts in windows of
        // 0.25 are overdispersed (Poisson would give variance = mean).
        var p = new ModelMarketParameters { Arrivals = ArrivalProcess.Hawkes, HawkesBranchingRatio = 0.7, HawkesDecay = 20 };
        var c = new ModelConstants(p);
        VectorRandom random = VectorRandom.ForTrajectories(11, 0, Vector<double>.Count);
        Vector<double> excitation = new(c.HawkesInitialExcitation);
        const int Steps = 200_000;
        const int Window = 50;
        double total = 0, windowSum = 0, windowSumSquares = 0, windowCount = 0;
        Vector<double> current = Vector<double>.Zero;
        for (int step = 1; step <= Steps; step++)
        {
            current += ModelStepKernel.HawkesArrivals(in c, ref excitation, random.NextUniform());
            if (step % Window == 0)
            {
                for (int lane = 0; lane < Vector<double>.Count; lane++)
                {
                    total += current[lane];
                    windowSum += current[lane];
                    windowSumSquares += current[lane] * current[lane];
                    windowCount++;
                }

                current = Vector<double>.Zero;
            }
        }

        double meanPerWindow = windowSum / windowCount;
        double variance = (windowSumSquares / windowCount) - (meanPerWindow * meanPerWindow);
        double expected = 140 * 0.005 * Window; // 35 arrivals per window
        Assert.InRange(meanPerWindow, expected * 0.97, expected * 1.03);
        Assert.True(variance > 2 * meanPerWindow, $"variance {variance} vs mean {meanPerWindow}");
        Assert.True(total > 0);
    }

    [Fact]
    public void BinomialShockMovesTheMidByExactlySigmaRootDt()
    {
        var c = new ModelConstants(new ModelMarketParameters());
        VectorRandom random = VectorRandom.ForTrajectory(1, 0);
        Vector<double> mid = new(100);
        Vector<double> alpha = Vector<double>.Zero;
        double step = 2 * Math.Sqrt(0.005);
        for (int i = 0; i < 50; i++)
        {
            double before = mid[0];
            ModelStepKernel.Draw(in c, ref random, out StepDraws draws);
            ModelStepKernel.MoveMid(in c, in draws, Vector<long>.Zero, Vector<long>.Zero, Vector<double>.Zero, Vector<double>.Zero, ref mid, ref alpha);
            Assert.Equal(step, Math.Abs(mid[0] - before), 12);
        }
    }

    [Fact]
    public void AlphaHasItsStationaryDeviation()
    {
        // θ = 5, η = 10: stationary sd η/√(2θ) = 10/√10 = 3.1623; the exact transition keeps it at every dt.
        var p = new ModelMarketParameters { AlphaReversion = 5, AlphaVolatility = 10, Sigma = 0 };
        var c = new ModelConstants(p);
        VectorRandom random = VectorRandom.ForTrajectories(4, 0, Vector<double>.Count);
        Vector<double> mid = new(100);
        Vector<double> alpha = Vector<double>.Zero;
        double sumSquares = 0;
        long n = 0;
        for (int i = 0; i < 100_000; i++)
        {
            ModelStepKernel.Draw(in c, ref random, out StepDraws draws);
            ModelStepKernel.MoveMid(in c, in draws, Vector<long>.Zero, Vector<long>.Zero, Vector<double>.Zero, Vector<double>.Zero, ref mid, ref alpha);
            if (i > 1000)
            {
                for (int lane = 0; lane < Vector<double>.Count; lane++)
                {
                    sumSquares += alpha[lane] * alpha[lane];
                    n++;
                }
            }
        }

        Assert.InRange(Math.Sqrt(sumSquares / n), 3.1623 * 0.95, 3.1623 * 1.05);
    }

    [Fact]
    public void AdverseSelectionMovesTheMidAgainstTheFilledSide()
    {
        // σ = 0, probability 1, size 0.25: after our bid fills, the mid falls by exactly 0.25.
        var c = new ModelConstants(new ModelMarketParameters { Sigma = 0, AdverseSelectionProbability = 1, AdverseSelectionSize = 0.25 });
        VectorRandom random = VectorRandom.ForTrajectory(1, 0);
        Vector<double> mid = new(100);
        Vector<double> alpha = Vector<double>.Zero;
        ModelStepKernel.Draw(in c, ref random, out StepDraws draws);
        ModelStepKernel.MoveMid(in c, in draws, Vector<long>.AllBitsSet, Vector<long>.Zero, Vector<double>.One, Vector<double>.Zero, ref mid, ref alpha);
        Assert.Equal(99.75, mid[0], 12);
        ModelStepKernel.Draw(in c, ref random, out draws);
        ModelStepKernel.MoveMid(in c, in draws, Vector<long>.Zero, Vector<long>.AllBitsSet, Vector<double>.Zero, Vector<double>.One, ref mid, ref alpha);
        Assert.Equal(100, mid[0], 12);
    }

    [Fact]
    public void MarketImpactMovesTheMidAgainstUsInProportionToTheQuantityFilled()
    {
        // σ = 0, impact 0.1 per unit: buying 3 drops the mid by 0.3; selling 1 then lifts it by 0.1.
        var c = new ModelConstants(new ModelMarketParameters { Sigma = 0, MarketImpact = 0.1 });
        VectorRandom random = VectorRandom.ForTrajectory(1, 0);
        Vector<double> mid = new(100);
        Vector<double> alpha = Vector<double>.Zero;
        ModelStepKernel.Draw(in c, ref random, out StepDraws draws);
        ModelStepKernel.MoveMid(in c, in draws, Vector<long>.AllBitsSet, Vector<long>.Zero, new Vector<double>(3), Vector<double>.Zero, ref mid, ref alpha);
        Assert.Equal(99.7, mid[0], 12);
        ModelStepKernel.Draw(in c, ref random, out draws);
        ModelStepKernel.MoveMid(in c, in draws, Vector<long>.Zero, Vector<long>.AllBitsSet, Vector<double>.Zero, Vector<double>.One, ref mid, ref alpha);
        Assert.Equal(99.8, mid[0], 12);
    }
}
