namespace MarketMaking.Research.Sweeps;

/// <summary>One axis of a grid: a tunable parameter (<see cref="TunableParameters"/>) and the values it takes.</summary>
/// <param name="Name">The parameter's config name, e.g. spread_bps.</param>
/// <param name="Values">The values, in the order points take them.</param>
public sealed record ParameterAxis(string Name, IReadOnlyList<double> Values);
