using MarketMaking.Core.Errors;
using MarketMaking.Learning.Spreads;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Quoting;

/// <summary>Builds strategies by catalog name, and the learned-spread one from its model file.</summary>
/// <param name="SpreadModelPath">The spread predictor's file (from <c>mm train spread</c>) for nn-spread; null when none is given.</param>
public sealed record StrategyFactory(string? SpreadModelPath = null)
{
    /// <summary>The strategy settings (config keys) the strategy <paramref name="name"/> (a catalog name or nn-spread) quotes from.</summary>
    /// <exception cref="InvalidParameterException">The name is unknown.</exception>
    public static IReadOnlyList<string> Parameters(string name) =>
        name == StrategyChoice.LearnedSpread ? PredictedSpreadStrategy.Parameters : StrategyCatalog.Parameters(name);

    /// <summary>A spread predictor already in memory (trained by the caller), used before <see cref="SpreadModelPath"/>.</summary>
    public SpreadPredictor? SpreadModel { get; init; }

    /// <summary>
    /// The strategy <paramref name="name"/> (a catalog name or nn-spread) with <paramref name="settings"/>;
    /// <paramref name="tick"/> is the market's tick size (the spread predictor speaks in ticks).
    /// </summary>
    /// <exception cref="InvalidParameterException">nn-spread without a model.</exception>
    public IQuotingStrategy Create(string name, StrategySettings settings, double tick)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (name != StrategyChoice.LearnedSpread)
        {
            return StrategyCatalog.Create(name, settings);
        }

        SpreadPredictor predictor = SpreadModel ?? SpreadPredictor.Load(SpreadModelPath ?? throw new InvalidParameterException("spread-model", $"{StrategyChoice.LearnedSpread} needs a model: train one with 'mm train spread --out FILE' and pass --spread-model FILE"));
        return new PredictedSpreadStrategy(predictor, tick, settings.OrderQuantity, settings.InventorySkew, settings.MaxInventory);
    }
}
