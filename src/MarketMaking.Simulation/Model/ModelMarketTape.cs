using System.Numerics;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Randomness;

namespace MarketMaking.Simulation.Model;

/// <summary>
/// The tape of a model market as an exchange would print it, for calibration: the mid at every
/// step, and every market order that arrives — Poisson (or Hawkes) per side with intensity A, each
/// reaching a depth δ ~ Exp(κ) from the mid, so the rate of orders reaching δ is A·e^(−κδ), the
/// fill intensity of the model. Orders within a step are spread evenly over it so no two share a
/// timestamp. One model time unit is played as one second.
/// </summary>
public static class ModelMarketTape
{
    public const long NanosecondsPerUnit = 1_000_000_000;

    /// <summary>
    /// Plays <paramref name="duration"/> time units. <paramref name="onMid"/>(time ns, mid) at each
    /// step; <paramref name="onTrade"/>(time ns, aggressor side, price) for each market order.
    /// </summary>
    public static void Play(ModelMarketParameters parameters, double duration, ulong seed, Action<long, double> onMid, Action<long, Side, double> onTrade)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(onMid);
        ArgumentNullException.ThrowIfNull(onTrade);
        parameters.Validate();
        var c = new ModelConstants(parameters);
        VectorRandom random = VectorRandom.ForTrajectory(seed, 0);
        Vector<double> mid = new(parameters.InitialMid);
        Vector<double> alpha = Vector<double>.Zero;
        Vector<double> buyExcitation = new(c.HawkesInitialExcitation);
        Vector<double> sellExcitation = buyExcitation;
        long steps = (long)Math.Round(duration / parameters.TimeStep);
        double stepNanoseconds = parameters.TimeStep * NanosecondsPerUnit;
        for (long step = 0; step < steps; step++)
        {
            long start = (long)(step * stepNanoseconds);
            double s = mid[0];
            onMid(start, s);

            // The step's fill draws (no quotes rest on a tape) decide the Poisson counts.
            ModelStepKernel.Draw(in c, ref random, out StepDraws draws);
            int buys = Arrivals(in c, ref buyExcitation, draws.BidArrivals, draws.AskFill[0]);
            int sells = Arrivals(in c, ref sellExcitation, draws.AskArrivals, draws.BidFill[0]);
            int total = buys + sells;
            for (int k = 0; k < total; k++)
            {
                // A buyer lifts the ask side at s + δ; a seller hits the bid side at s − δ.
                double depth = -Math.Log(1 - random.NextUniform()[0]) / -c.NegativeKappa;
                Side aggressor = k < buys ? Side.Buy : Side.Sell;
                long time = start + (long)((k + 1) * stepNanoseconds / (total + 1));
                onTrade(time, aggressor, aggressor == Side.Buy ? s + depth : s - depth);
            }

            ModelStepKernel.MoveMid(in c, in draws, Vector<long>.Zero, Vector<long>.Zero, Vector<double>.Zero, Vector<double>.Zero, ref mid, ref alpha);
        }

        onMid((long)(steps * stepNanoseconds), mid[0]);
    }

    private static int Arrivals(in ModelConstants c, ref Vector<double> excitation, Vector<double> hawkesUniform, double poissonUniform) =>
        c.Hawkes
            ? (int)ModelStepKernel.HawkesArrivals(in c, ref excitation, hawkesUniform)[0]
            : ModelStepKernel.PoissonCount(c.IntensityStep, poissonUniform);
}
