using MarketMaking.Core.Errors;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// A kline interval as Bybit names it: minutes (<c>1 3 5 15 30 60 120 240 360 720</c>), <c>D</c>, <c>W</c> or <c>M</c>.
/// </summary>
public readonly record struct BybitKlineInterval
{
    private static readonly string[] Names = ["1", "3", "5", "15", "30", "60", "120", "240", "360", "720", "D", "W", "M"];

    private BybitKlineInterval(string name, TimeSpan duration)
    {
        Name = name;
        Duration = duration;
    }

    /// <summary>The request value (<c>"60"</c>, <c>"D"</c>).</summary>
    public string Name { get; }

    /// <summary>Length of one bar; a month counts as 31 days, the longest it can be.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Parses an interval; an unknown one is an <see cref="InvalidParameterException"/> naming <c>interval</c>.</summary>
    public static BybitKlineInterval Parse(string value) => value switch
    {
        "D" => new(value, TimeSpan.FromDays(1)),
        "W" => new(value, TimeSpan.FromDays(7)),
        "M" => new(value, TimeSpan.FromDays(31)),
        _ when Array.IndexOf(Names, value) >= 0 => new(value, TimeSpan.FromMinutes(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture))),
        _ => throw new InvalidParameterException("interval", $"unknown Bybit kline interval '{value}'; known: {string.Join(", ", Names)}"),
    };

    public override string ToString() => Name;
}
