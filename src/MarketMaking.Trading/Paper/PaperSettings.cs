using MarketMaking.Core.Errors;
using MarketMaking.Simulation.Exchange;

namespace MarketMaking.Trading.Paper;

/// <summary>How the paper venue simulates our orders: the replay's queue and latency models, and the fees charged.</summary>
public sealed record PaperSettings
{
    public IQueueModel QueueModel { get; init; } = new RiskAverseQueueModel();

    /// <summary>Order entry and cancel latency, on the venue's clock.</summary>
    public ILatencyModel Latency { get; init; } = ConstantLatency.Zero;

    /// <summary>Maker fee rate (Bybit's base rate for linear contracts: 0.02%; negative: a rebate).</summary>
    public decimal MakerFeeRate { get; init; } = 0.0002m;

    /// <summary>Taker fee rate (Bybit's base rate: 0.055%), charged on the flattening market order.</summary>
    public decimal TakerFeeRate { get; init; } = 0.00055m;

    /// <summary>Our orders expected resting at once (more grow the pool).</summary>
    public int Capacity { get; init; } = 256;

    public PaperSettings Validate()
    {
        ArgumentNullException.ThrowIfNull(QueueModel);
        ArgumentNullException.ThrowIfNull(Latency);
        if (Capacity < 1)
        {
            throw new InvalidParameterException("capacity", $"must be at least 1, got {Capacity}");
        }

        InvalidParameterException.RequireFeeRate("maker-fee", MakerFeeRate, maker: true);
        InvalidParameterException.RequireFeeRate("taker-fee", TakerFeeRate, maker: false);
        return this;
    }
}
