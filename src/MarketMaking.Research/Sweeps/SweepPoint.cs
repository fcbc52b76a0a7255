using System.Globalization;

namespace MarketMaking.Research.Sweeps;

/// <summary>One point of a sweep: its index in the sweep and its parameter values (config names, see <see cref="TunableParameters"/>).</summary>
/// <param name="Index">Position in the sweep's fixed order; shards split on it.</param>
/// <param name="Values">The parameters this point sets, in the order of the sweep's axes.</param>
public sealed record SweepPoint(int Index, IReadOnlyList<(string Name, double Value)> Values)
{
    /// <summary>Names the point in result files: <c>name=value;…</c> with round-trip values.</summary>
    public string Key => string.Join(';', Values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Name}={v.Value:R}")));
}
