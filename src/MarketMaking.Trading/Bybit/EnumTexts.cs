namespace MarketMaking.Trading.Bybit;

/// <summary>
/// A text for each value of an enum, made once: formatting an enum value allocates its text every
/// time, and an order's reason is formatted for every update the private stream pushes. A value the
/// enum does not name (a number) is formatted as it comes.
/// </summary>
internal sealed class EnumTexts<T>(Func<T, string> format)
    where T : struct, Enum
{
    private readonly Dictionary<T, string> _texts = Enum.GetValues<T>().Distinct().ToDictionary(value => value, format);

    public string Name(T value) => _texts.TryGetValue(value, out string? text) ? text : format(value);
}
