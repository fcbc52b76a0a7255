namespace MarketMaking.Core.Errors;

/// <summary>A parameter (CLI option or config key) has a value outside its domain.</summary>
public sealed class InvalidParameterException : MarketMakingException
{
    public InvalidParameterException(string parameter, string problem)
        : base($"invalid {parameter}: {problem}")
    {
        Parameter = parameter;
    }

    public string Parameter { get; }

    public override int ExitCode => 2;

    /// <summary>Throws unless <paramref name="value"/> is finite and &gt; 0.</summary>
    public static double RequirePositive(string parameter, double value) =>
        double.IsFinite(value) && value > 0 ? value : throw new InvalidParameterException(parameter, $"must be a positive number, got {Format(value)}");

    /// <summary>Throws unless the count <paramref name="value"/> is at least 1.</summary>
    public static long RequireAtLeastOne(string parameter, long value) =>
        value >= 1 ? value : throw new InvalidParameterException(parameter, $"must be at least 1, got {value}");

    /// <summary>Throws unless <paramref name="value"/> is finite and ≥ 0.</summary>
    public static double RequireNonNegative(string parameter, double value) =>
        double.IsFinite(value) && value >= 0 ? value : throw new InvalidParameterException(parameter, $"must be zero or positive, got {Format(value)}");

    /// <summary>Throws unless <paramref name="value"/> is finite.</summary>
    public static double RequireFinite(string parameter, double value) =>
        double.IsFinite(value) ? value : throw new InvalidParameterException(parameter, $"must be a finite number, got {Format(value)}");

    /// <summary>Throws unless 0 ≤ <paramref name="value"/> ≤ 1.</summary>
    public static double RequireProbability(string parameter, double value) =>
        value is >= 0 and <= 1 ? value : throw new InvalidParameterException(parameter, $"must be between 0 and 1, got {Format(value)}");

    /// <summary>
    /// Throws unless <paramref name="value"/> is a fee rate, a fraction of the notional below 1:
    /// at least 0 for a taker, above −1 for a maker (negative: a rebate). A fee of −1 paid the whole
    /// notional back: a hedge leg at --hedge-taker-fee -1 "earned" 1,234 USDT on six minutes.
    /// </summary>
    public static double RequireFeeRate(string parameter, double value, bool maker) =>
        IsFeeRate(value, maker)
            ? value
            : throw new InvalidParameterException(parameter, $"must be a fee rate, a fraction of the notional in {(maker ? "(−1, 1); negative: a rebate" : "[0, 1)")}, got {Format(value)}");

    /// <summary>The rule of <see cref="RequireFeeRate(string, double, bool)"/>, for callers that state it in their own unit (bp).</summary>
    public static bool IsFeeRate(double value, bool maker) => value < 1 && (maker ? value > -1 : value >= 0);

    /// <inheritdoc cref="RequireFeeRate(string, double, bool)"/>
    public static decimal RequireFeeRate(string parameter, decimal value, bool maker)
    {
        _ = RequireFeeRate(parameter, (double)value, maker); // exact at the bounds 0, ±1
        return value;
    }

    private static string Format(double value) => value.ToString("G", System.Globalization.CultureInfo.InvariantCulture);
}
