namespace MarketMaking.Cli.Configuration;

/// <summary>One setting of a config file, flattened: its key (section.key), the option it sets, its value (a list joined by commas) and where it stands.</summary>
internal sealed record ConfigEntry(string Key, string Option, string Value, long Line)
{
    /// <summary>True when the file gave a list (<c>[a, b]</c>).</summary>
    public bool IsList { get; init; }
}
