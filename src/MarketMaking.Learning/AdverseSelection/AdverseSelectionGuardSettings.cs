using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.AdverseSelection;

/// <summary>
/// Parameters of the guard. The detector rule acts on a side when its predicted probability of
/// an adverse fill exceeds <see cref="Threshold"/>; the cool-down rule withdraws the side a large
/// trade hit (a large buy lifts asks) for <see cref="Cooldown"/> seconds after it.
/// </summary>
public sealed record AdverseSelectionGuardSettings
{
    /// <summary>Probability above which a side is exposed (config key <c>guard_threshold</c>).</summary>
    public double Threshold { get; init; } = 0.6;

    public GuardAction Action { get; init; } = GuardAction.Widen;

    /// <summary>How far (price units) <see cref="GuardAction.Widen"/> moves an exposed side's quotes.</summary>
    public double Widening { get; init; }

    /// <summary>Seconds a side stays withdrawn after a large trade against it; 0 turns the rule off.</summary>
    public double Cooldown { get; init; }

    public AdverseSelectionGuardSettings Validate()
    {
        if (!(Threshold is > 0 and < 1))
        {
            throw new InvalidParameterException("guard_threshold", $"must be in (0, 1), got {Threshold}");
        }

        InvalidParameterException.RequireNonNegative("guard_widen", Widening);
        InvalidParameterException.RequireNonNegative("cooldown", Cooldown);
        if (Action == GuardAction.Widen && Widening == 0)
        {
            // Widening by nothing would silently do nothing.
            throw new InvalidParameterException("guard_widen", "must be positive when the guard widens");
        }

        return this;
    }
}
