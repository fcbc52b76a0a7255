using MarketMaking.Simulation.Hedging;

namespace MarketMaking.Simulation.Arbitrage;

/// <summary>
/// One arbitrage taken: a taker sell on the high venue and a taker buy on the low one, sent together
/// when an episode opened, each leg travelling with its own entry latency and crossing its venue's
/// book as it stands at that venue's first message received at or after its arrival. A leg's
/// quantity and average price are in coins and quote currency per coin (an inverse contract's
/// contracts converted at the prices it took).
/// </summary>
public sealed class ArbitrageTake
{
    public required int SellVenue { get; init; }

    public required int BuyVenue { get; init; }

    /// <summary>Receive time of the message that opened the episode (ns).</summary>
    public required long DecidedAt { get; init; }

    /// <summary>Coins asked on each leg.</summary>
    public required double Requested { get; init; }

    /// <summary>Net edge at the touch when it was sent.</summary>
    public required double ExpectedEdge { get; init; }

    /// <summary>The sell leg once executed (null while travelling or when it found an empty side).</summary>
    public HedgeExecution? Sell { get; internal set; }

    /// <summary>The buy leg once executed.</summary>
    public HedgeExecution? Buy { get; internal set; }

    /// <summary>Net edge of the prices obtained: sell·(1 − f_s)/(buy·(1 + f_b)) − 1, from the fees paid; NaN unless both legs filled.</summary>
    public double RealizedEdge => Sell is { } s && Buy is { } b
        ? ((s.AveragePrice * s.Quantity) - s.Fee) / s.Quantity / (((b.AveragePrice * b.Quantity) + b.Fee) / b.Quantity) - 1
        : double.NaN;
}
