namespace MarketMaking.Research.Sweeps;

/// <summary>The bounds a random search draws a tunable parameter (<see cref="TunableParameters"/>) from, uniformly.</summary>
/// <param name="Name">The parameter's config name, e.g. gamma.</param>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound (above <paramref name="Low"/>).</param>
public sealed record ParameterRange(string Name, double Low, double High);
