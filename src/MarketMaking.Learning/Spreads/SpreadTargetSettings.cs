using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Spreads;

/// <summary>How the ex-post optimal spread is defined: window, sampling, candidate half-spreads and risk.</summary>
public sealed record SpreadTargetSettings
{
    /// <summary>Seconds over which a quote is held and judged.</summary>
    public double Window { get; init; } = 30;

    /// <summary>Seconds between samples (windows overlap when shorter than the window).</summary>
    public double SampleInterval { get; init; } = 2;

    /// <summary>Candidate half-spreads in ticks, ascending (0.5 to 30 by default).</summary>
    public IReadOnlyList<double> Candidates { get; init; } = [.. Enumerable.Range(1, 60).Select(i => i * 0.5)];

    /// <summary>Charge (ticks) per squared lot of inventory left at the window's end.</summary>
    public double InventoryPenalty { get; init; } = 1;

    public SpreadTargetSettings Validate()
    {
        InvalidParameterException.RequirePositive("window", Window);
        InvalidParameterException.RequirePositive("sample_interval", SampleInterval);
        InvalidParameterException.RequireNonNegative("inventory_penalty", InventoryPenalty);
        if (Candidates.Count == 0 || Candidates.Any(c => !(c > 0)) || Candidates.Zip(Candidates.Skip(1)).Any(p => p.Second <= p.First))
        {
            throw new InvalidParameterException("candidates", "need positive half-spreads in ascending order");
        }

        return this;
    }
}
