using MarketMaking.Core.Errors;

namespace MarketMaking.Core.Metrics;

/// <summary>
/// Performance statistics over a series: per-period PnL changes, an equity curve, or the terminal
/// PnL of many runs. Pure functions; ratios are per period unless annualized.
/// </summary>
public static class PerformanceStatistics
{
    /// <summary>NaN when empty.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    /// <summary>Sample variance (divides by n − 1); 0 when n &lt; 2.</summary>
    public static double Variance(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        // Two passes: subtracting the mean first avoids cancellation in Σx² − n·mean².
        double mean = Mean(values);
        double sumSquares = 0;
        foreach (double value in values)
        {
            sumSquares += (value - mean) * (value - mean);
        }

        return sumSquares / (values.Length - 1);
    }

    /// <summary>Sample standard deviation; 0 when n &lt; 2.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> values) => Math.Sqrt(Variance(values));

    /// <summary>Mean / sample standard deviation of per-period PnL; NaN when n &lt; 2 or the deviation is 0.</summary>
    public static double SharpeRatio(ReadOnlySpan<double> periodPnl) =>
        periodPnl.Length < 2 ? double.NaN : RatioOrNaN(Mean(periodPnl), StandardDeviation(periodPnl));

    /// <summary>Scales a per-period ratio by √(periods per year), as for i.i.d. period returns.</summary>
    public static double Annualize(double perPeriodRatio, double periodsPerYear) => perPeriodRatio * Math.Sqrt(periodsPerYear);

    /// <summary>
    /// Mean / downside deviation, with downside deviation √(Σ min(r, 0)² / n) over all n periods
    /// (target 0); NaN when there is no downside.
    /// </summary>
    public static double SortinoRatio(ReadOnlySpan<double> periodPnl)
    {
        if (periodPnl.IsEmpty)
        {
            return double.NaN;
        }

        double downsideSquares = 0;
        foreach (double value in periodPnl)
        {
            downsideSquares += value < 0 ? value * value : 0;
        }

        return RatioOrNaN(Mean(periodPnl), Math.Sqrt(downsideSquares / periodPnl.Length));
    }

    public static DrawdownResult MaxDrawdown(ReadOnlySpan<double> equity, double initialCapital)
    {
        var drawdown = new StreamingDrawdown();
        foreach (double value in equity)
        {
            drawdown.Observe(value);
        }

        return drawdown.Result(initialCapital);
    }

    /// <summary>Mean − γ/2 · sample variance.</summary>
    public static double MeanVarianceUtility(ReadOnlySpan<double> pnl, double gamma)
    {
        InvalidParameterException.RequireNonNegative(RiskAversionParameter, gamma);
        return Mean(pnl) - gamma / 2 * Variance(pnl);
    }

    /// <summary>
    /// Certainty equivalent of an exponential (CARA) utility: −(1/γ)·ln(mean(e^(−γx))), the sure
    /// amount the investor values the same as the gamble. Equals the mean when γ = 0.
    /// </summary>
    public static double CaraCertaintyEquivalent(ReadOnlySpan<double> pnl, double gamma)
    {
        InvalidParameterException.RequireNonNegative(RiskAversionParameter, gamma);
        if (pnl.IsEmpty || gamma == 0)
        {
            return Mean(pnl);
        }

        // Log-sum-exp: factor out the largest exponent so e^(−γx) cannot overflow for large losses.
        double largestExponent = double.NegativeInfinity;
        foreach (double value in pnl)
        {
            largestExponent = Math.Max(largestExponent, -gamma * value);
        }

        double scaledSum = 0;
        foreach (double value in pnl)
        {
            scaledSum += Math.Exp(-gamma * value - largestExponent);
        }

        double logMeanExp = largestExponent + Math.Log(scaledSum / pnl.Length);
        return -logMeanExp / gamma;
    }

    /// <summary>Filled / submitted; NaN when nothing was submitted.</summary>
    public static double FillRate(long filled, long submitted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(filled);
        ArgumentOutOfRangeException.ThrowIfNegative(submitted);
        return submitted == 0 ? double.NaN : (double)filled / submitted;
    }

    internal static double RatioOrNaN(double numerator, double deviation) => deviation > 0 ? numerator / deviation : double.NaN;

    private const string RiskAversionParameter = "risk_aversion";
}
