using System.Globalization;

namespace MarketMaking.Cli.Tuning;

/// <summary>One point of a sweep: its index and parameter values; its key names it in result files.</summary>
internal sealed record TunePoint(int Index, IReadOnlyList<(string Name, double Value)> Values)
{
    public string Key => string.Join(';', Values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Name}={v.Value:R}")));
}
