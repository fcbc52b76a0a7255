namespace MarketMaking.Simulation.Bars;

/// <summary>When a resting quote counts as filled during a bar, whose path inside the bar is unknown.</summary>
public enum BarFillRule
{
    /// <summary>Only when the bar trades through the price (low below our bid, high above our ask): the conservative rule.</summary>
    Through,

    /// <summary>Also when the bar just touches the price.</summary>
    Touch,

    /// <summary>Through always; on a touch with the probability in <see cref="BarSettings.TouchFillProbability"/>.</summary>
    TouchWithProbability,
}
