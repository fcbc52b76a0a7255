using MarketMaking.Core.Errors;

namespace MarketMaking.Core.Accounting;

/// <summary>
/// Quadratic penalty on holding inventory q: λ·q², with separate λ for long and short so a
/// desk can lean against one side (e.g. short inventory that is expensive to borrow).
/// </summary>
public readonly record struct InventoryPenalty(double LongLambda, double ShortLambda)
{
    // Get-only so that `with` cannot bypass the validation.
    public double LongLambda { get; } = InvalidParameterException.RequireNonNegative(ParameterName, LongLambda);

    public double ShortLambda { get; } = InvalidParameterException.RequireNonNegative(ParameterName, ShortLambda);

    public static InventoryPenalty Symmetric(double lambda) => new(lambda, lambda);

    public double Penalty(double q) => q > 0 ? LongLambda * q * q : ShortLambda * q * q;

    /// <summary>
    /// The running penalty over a run, ∫λ·q²dt, from the time integrals of q² while long and while short.
    /// </summary>
    public double Running(double longSquaredTime, double shortSquaredTime) => (LongLambda * longSquaredTime) + (ShortLambda * shortSquaredTime);

    private const string ParameterName = "inventory_penalty";
}
