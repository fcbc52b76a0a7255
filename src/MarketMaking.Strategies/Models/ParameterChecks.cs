using MarketMaking.Core.Errors;

namespace MarketMaking.Strategies.Models;

/// <summary>Checks of integer parameters that <see cref="InvalidParameterException"/> has no helper for.</summary>
internal static class ParameterChecks
{
    // Table models build dense (2Q+1)² propagators and square them: beyond this it takes seconds,
    // and the value function underflows near ±Q anyway for typical parameters.
    public const int MaxTableInventory = 250;

    /// <summary>Throws unless 1 ≤ <paramref name="value"/> ≤ <paramref name="upperBound"/>.</summary>
    public static int RequireMaxInventory(int value, int upperBound = int.MaxValue) =>
        value >= 1 && value <= upperBound
            ? value
            : throw new InvalidParameterException("max_inventory", upperBound == int.MaxValue
                ? $"must be at least 1 (order sizes), got {value}"
                : $"must be between 1 and {upperBound} (order sizes), got {value}");
}
