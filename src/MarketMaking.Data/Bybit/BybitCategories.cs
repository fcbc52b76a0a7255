using MarketMaking.Core.Errors;

namespace MarketMaking.Data.Bybit;

/// <summary>Bybit's names for the categories (<c>spot</c>, <c>linear</c>, <c>inverse</c>).</summary>
public static class BybitCategories
{
    /// <summary>Parses a category name; an unknown one is an <see cref="InvalidParameterException"/> naming <c>category</c>.</summary>
    public static BybitCategory Parse(string value) => value switch
    {
        "spot" => BybitCategory.Spot,
        "linear" => BybitCategory.Linear,
        "inverse" => BybitCategory.Inverse,
        _ => throw new InvalidParameterException("category", $"unknown Bybit category '{value}'; known: spot, linear, inverse"),
    };

    /// <summary>The name Bybit uses in requests and stream URLs.</summary>
    public static string ApiName(this BybitCategory category) => category switch
    {
        BybitCategory.Spot => "spot",
        BybitCategory.Linear => "linear",
        BybitCategory.Inverse => "inverse",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "not a Bybit category"),
    };
}
