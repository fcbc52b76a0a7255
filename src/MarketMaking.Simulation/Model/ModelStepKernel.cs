using System.Numerics;
using System.Runtime.CompilerServices;
using MarketMaking.Core.Randomness;

namespace MarketMaking.Simulation.Model;

/// <summary>
/// The dynamics of one model step for a vector of trajectories. Both the vectorized Monte Carlo
/// engine and the event-driven <see cref="ModelMarket"/> call these functions (the latter with every
/// lane holding its one trajectory), which is why both give the same numbers bit for bit.
/// Within a step: quotes are fixed, fills are drawn against the current mid, then the mid moves.
/// </summary>
internal static class ModelStepKernel
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Draw(in ModelConstants c, ref VectorRandom random, out StepDraws draws) => Draw<AnyFeatures>(in c, ref random, out draws);

    /// <summary><see cref="Draw(in ModelConstants, ref VectorRandom, out StepDraws)"/> compiled for <typeparamref name="TFeatures"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Draw<TFeatures>(in ModelConstants c, ref VectorRandom random, out StepDraws draws)
        where TFeatures : struct, IStepFeatures
    {
        // Fields of features that are off stay unset: they are never read.
        Unsafe.SkipInit(out draws);
        draws.BidFill = random.NextUniform();
        draws.AskFill = random.NextUniform(out Vector<long> coin);
        if (!TFeatures.Plain && c.Hawkes)
        {
            draws.BidArrivals = random.NextUniform();
            draws.AskArrivals = random.NextUniform();
        }

        if (!TFeatures.Plain && c.HasAdverseSelection)
        {
            draws.BidAdverse = random.NextUniform();
            draws.AskAdverse = random.NextUniform();
        }

        // The binomial ±1 takes the coin that came with the ask draw: one generator call fewer per step.
        draws.Shock = !TFeatures.Plain && c.Gaussian ? random.NextNormal() : Vector.ConditionalSelect(coin, Vector<double>.One, -Vector<double>.One);
        if (!TFeatures.Plain && c.HasAlpha)
        {
            draws.AlphaShock = random.NextNormal();
        }

        if (!TFeatures.Plain && c.HasJumps)
        {
            draws.Jump = random.NextUniform();
            draws.JumpSize = c.JumpStd > 0 ? random.NextNormal() : Vector<double>.Zero;
        }
    }

    /// <summary>
    /// Probability that a quote at <paramref name="depth"/> fills this step under Poisson arrivals.
    /// NaN depth (no quote) gives NaN, which no uniform is below.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> PoissonFillProbability(in ModelConstants c, Vector<double> depth)
    {
        Vector<double> intensityStep = new Vector<double>(c.IntensityStep) * Vector.Exp(new Vector<double>(c.NegativeKappa) * depth);
        return c.ExactFills ? Vector<double>.One - Vector.Exp(-intensityStep) : intensityStep;
    }

    /// <summary>
    /// Probability that at least one of <paramref name="arrivals"/> market orders reaches
    /// <paramref name="depth"/>, each independently with probability min(1, e^(−κδ)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> HawkesFillProbability(in ModelConstants c, Vector<double> depth, Vector<double> arrivals)
    {
        Vector<double> reach = Vector.Min(Vector<double>.One, Vector.Exp(new Vector<double>(c.NegativeKappa) * depth));
        Vector<double> missAll = Vector.Exp(arrivals * Vector.Log(Vector<double>.One - reach));
        return Vector.ConditionalSelect(Vector.GreaterThan(arrivals, Vector<double>.Zero), Vector<double>.One - missAll, Vector<double>.Zero);
    }

    /// <summary>
    /// Number of market orders this step on one side: Poisson with mean (μ + excitation)·dt, by
    /// inversion of one uniform; then the excitation decays and jumps by n·β per arrival.
    /// </summary>
    public static Vector<double> HawkesArrivals(in ModelConstants c, ref Vector<double> excitation, Vector<double> uniform)
    {
        int width = Vector<double>.Count;
        Span<double> counts = stackalloc double[width];
        for (int lane = 0; lane < width; lane++)
        {
            counts[lane] = PoissonCount((c.HawkesBaseIntensity + excitation[lane]) * c.TimeStep, uniform[lane]);
        }

        Vector<double> arrivals = new(counts);
        excitation = (excitation * new Vector<double>(c.HawkesDecayFactor)) + (arrivals * new Vector<double>(c.HawkesJump));
        return arrivals;
    }

    /// <summary>
    /// Moves the mid over the step (drift, alpha, Brownian shock, adverse-selection jump and
    /// permanent impact after our fills, compound Poisson jumps) and the alpha along its OU transition.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MoveMid(in ModelConstants c, in StepDraws draws, Vector<long> bought, Vector<long> sold, Vector<double> boughtQuantity, Vector<double> soldQuantity, ref Vector<double> mid, ref Vector<double> alpha) =>
        MoveMid<AnyFeatures>(in c, in draws, bought, sold, boughtQuantity, soldQuantity, ref mid, ref alpha);

    /// <summary><see cref="MoveMid(in ModelConstants, in StepDraws, Vector{long}, Vector{long}, Vector{double}, Vector{double}, ref Vector{double}, ref Vector{double})"/> compiled for <typeparamref name="TFeatures"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MoveMid<TFeatures>(in ModelConstants c, in StepDraws draws, Vector<long> bought, Vector<long> sold, Vector<double> boughtQuantity, Vector<double> soldQuantity, ref Vector<double> mid, ref Vector<double> alpha)
        where TFeatures : struct, IStepFeatures
    {
        Vector<double> change = new Vector<double>(c.SigmaSqrtDt) * draws.Shock;
        if (TFeatures.Plain)
        {
            mid += change;
            return;
        }

        if (c.DriftStep != 0 || c.HasAlpha)
        {
            change += new Vector<double>(c.DriftStep) + (alpha * new Vector<double>(c.TimeStep));
        }

        if (c.HasAdverseSelection)
        {
            Vector<double> probability = new(c.AdverseProbability);
            Vector<double> size = new(c.AdverseSize);
            Vector<long> downMove = Vector.BitwiseAnd(bought, Vector.LessThan(draws.BidAdverse, probability));
            Vector<long> upMove = Vector.BitwiseAnd(sold, Vector.LessThan(draws.AskAdverse, probability));
            change += Vector.ConditionalSelect(upMove, size, Vector<double>.Zero) - Vector.ConditionalSelect(downMove, size, Vector<double>.Zero);
        }

        if (c.HasImpact)
        {
            // Permanent impact of the flow that filled us: down by impact·quantity after we buy, up after we sell.
            change += new Vector<double>(c.Impact) * (soldQuantity - boughtQuantity);
        }

        if (c.HasJumps)
        {
            Vector<long> jumps = Vector.LessThan(draws.Jump, new Vector<double>(c.JumpProbability));
            change += Vector.ConditionalSelect(jumps, new Vector<double>(c.JumpStd) * draws.JumpSize, Vector<double>.Zero);
        }

        mid += change;
        if (c.HasAlpha)
        {
            alpha = (alpha * new Vector<double>(c.AlphaDecay)) + (new Vector<double>(c.AlphaNoise) * draws.AlphaShock);
        }
    }

    /// <summary>A Poisson count with the given mean, by inversion of one uniform.</summary>
    public static int PoissonCount(double mean, double uniform)
    {
        double probability = Math.Exp(-mean);
        double cumulative = probability;
        int n = 0;
        while (uniform > cumulative && n < MaxArrivalsPerStep)
        {
            n++;
            probability *= mean / n;
            cumulative += probability;
        }

        return n;
    }

    // Guards the inversion loop against a runaway mean; far above any sensible A·dt.
    private const int MaxArrivalsPerStep = 1000;
}
