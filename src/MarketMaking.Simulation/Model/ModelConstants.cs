namespace MarketMaking.Simulation.Model;

/// <summary>Per-step constants of a model market, computed once so the step kernel only multiplies.</summary>
internal readonly struct ModelConstants
{
    public ModelConstants(ModelMarketParameters p)
    {
        TimeStep = p.TimeStep;
        SigmaSqrtDt = p.Sigma * Math.Sqrt(p.TimeStep);
        DriftStep = p.Drift * p.TimeStep;
        Gaussian = p.Shock == MidShock.Gaussian;
        IntensityStep = p.A * p.TimeStep;
        NegativeKappa = -p.Kappa;
        ExactFills = p.FillRule == FillRule.Exact;

        HasAlpha = p.HasAlpha;
        AlphaDecay = Math.Exp(-p.AlphaReversion * p.TimeStep);

        // Exact OU transition: Var = η²(1 − e^(−2θdt)) / (2θ).
        AlphaNoise = p.AlphaReversion > 0
            ? p.AlphaVolatility * Math.Sqrt((1 - Math.Exp(-2 * p.AlphaReversion * p.TimeStep)) / (2 * p.AlphaReversion))
            : 0;

        HasJumps = p.JumpIntensity > 0;
        JumpProbability = p.JumpIntensity * p.TimeStep;
        JumpStd = p.JumpStd;

        Hawkes = p.Arrivals == ArrivalProcess.Hawkes;
        HawkesBaseIntensity = p.A * (1 - p.HawkesBranchingRatio);
        HawkesDecayFactor = Math.Exp(-p.HawkesDecay * p.TimeStep);

        // n·(1 − e^(−βdt))/dt rather than n·β: with decay applied once per step, this is the jump
        // that keeps the stationary mean intensity at exactly A (both agree as dt → 0).
        HawkesJump = p.HawkesBranchingRatio * (1 - HawkesDecayFactor) / p.TimeStep;
        HawkesInitialExcitation = p.A * p.HawkesBranchingRatio;

        HasAdverseSelection = p.AdverseSelectionProbability > 0 && p.AdverseSelectionSize > 0;
        AdverseProbability = p.AdverseSelectionProbability;
        AdverseSize = p.AdverseSelectionSize;
        HasImpact = p.MarketImpact > 0;
        Impact = p.MarketImpact;
    }

    public double TimeStep { get; }

    public double SigmaSqrtDt { get; }

    public double DriftStep { get; }

    public bool Gaussian { get; }

    /// <summary>A·dt: the Poisson fill probability per step at depth 0 under the linear rule.</summary>
    public double IntensityStep { get; }

    public double NegativeKappa { get; }

    public bool ExactFills { get; }

    public bool HasAlpha { get; }

    public double AlphaDecay { get; }

    public double AlphaNoise { get; }

    public bool HasJumps { get; }

    public double JumpProbability { get; }

    public double JumpStd { get; }

    public bool Hawkes { get; }

    /// <summary>μ = A(1 − n), so the stationary mean intensity stays A.</summary>
    public double HawkesBaseIntensity { get; }

    /// <summary>Jump of the intensity per arrival, n·(1 − e^(−βdt))/dt ≈ n·β.</summary>
    public double HawkesJump { get; }

    public double HawkesDecayFactor { get; }

    /// <summary>Stationary mean excitation A·n, the starting value.</summary>
    public double HawkesInitialExcitation { get; }

    public bool HasAdverseSelection { get; }

    public double AdverseProbability { get; }

    public double AdverseSize { get; }

    public bool HasImpact { get; }

    public double Impact { get; }
}
