namespace MarketMaking.Cli.Configuration;

/// <summary>One setting of a config file, flattened: its key (section.key), the option it sets, its value and where it stands.</summary>
internal sealed record ConfigEntry(string Key, string Option, string Value, long Line);
