namespace MarketMaking.Simulation.Model;

/// <summary>
/// Which optional dynamics a step kernel compiles in, as a struct type argument: the JIT compiles the
/// kernel once per type and drops the tests of features a plain market cannot have, where otherwise
/// every step tests a dozen flags (a tenth of the vectorized step's instructions).
/// </summary>
internal interface IStepFeatures
{
    /// <summary>
    /// True: the binomial mid with Poisson arrivals and nothing else (no drift, alpha, jumps, adverse
    /// selection, impact, fees, slippage or position limit), so the flags need not be read.
    /// </summary>
    static abstract bool Plain { get; }
}

/// <summary>Every feature the market's constants switch on.</summary>
internal readonly struct AnyFeatures : IStepFeatures
{
    public static bool Plain => false;
}

/// <summary>The plain market of <see cref="IStepFeatures.Plain"/>.</summary>
internal readonly struct PlainFeatures : IStepFeatures
{
    public static bool Plain => true;
}
