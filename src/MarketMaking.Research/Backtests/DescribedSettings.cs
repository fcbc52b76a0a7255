using MarketMaking.Research.Quoting;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Backtests;

/// <summary>The strategy settings a report lists: the values, and which of them the run's strategies read.</summary>
/// <param name="Settings">The settings the strategies were built from.</param>
/// <param name="Read">The settings (config keys) at least one of the run's strategies reads; only these are listed.</param>
public sealed record DescribedSettings(StrategySettings Settings, IReadOnlySet<string> Read)
{
    /// <summary>The settings as <paramref name="strategies"/> (catalog names or nn-spread) read them.</summary>
    /// <exception cref="Core.Errors.InvalidParameterException">A strategy name is unknown.</exception>
    public static DescribedSettings For(StrategySettings settings, IEnumerable<string> strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        return new(settings, strategies.SelectMany(StrategyFactory.Parameters).ToHashSet(StringComparer.Ordinal));
    }
}
