using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;

namespace MarketMaking.Data.Files;

/// <summary>
/// How to read a data file. With no <see cref="Instrument"/>, the parts not given (symbol, tick, lot)
/// are inferred from the file: the symbol it names, and tick and lot of 10^-d for the most decimals d
/// in the prices and sizes of its first <see cref="InferenceLines"/> lines.
/// </summary>
public sealed record MarketDataOptions
{
    /// <summary>The instrument whose ticks and lots events are in; overrides the three parts below.</summary>
    public Instrument? Instrument { get; init; }

    public string? Symbol { get; init; }

    public double? TickSize { get; init; }

    public double? LotSize { get; init; }

    public BadRowPolicy OnBadRow { get; init; } = BadRowPolicy.Stop;

    /// <summary>Lines read to infer tick and lot sizes.</summary>
    public int InferenceLines { get; init; } = 1000;
}
