using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// The agent-based market: an instrument, a hidden fundamental value, the background traders and
/// our latencies. Times in seconds, prices in instrument units, sizes in lots. The presets in
/// configs/markets/*.yaml set these under the same (snake_case) names.
/// </summary>
public sealed record AgentMarketParameters
{
    public string Symbol { get; init; } = "SIM";

    public double TickSize { get; init; } = 0.01;

    public double LotSize { get; init; } = 1;

    public double InitialPrice { get; init; } = 100;

    /// <summary>Seconds of trading our strategy sees (its horizon T).</summary>
    public double Duration { get; init; } = 3600;

    /// <summary>Seconds simulated before our strategy starts, so the book and the flow settle.</summary>
    public double WarmUp { get; init; } = 120;

    /// <summary>Seconds between our decisions (a fill of ours triggers one at once).</summary>
    public double DecisionInterval { get; init; } = 0.1;

    /// <summary>
    /// Price protection on market orders, as exchanges apply it: a market order trades at most this
    /// many ticks away from the last trade price, and what is left is cancelled. Keeps a large order
    /// from sweeping an emptied side into a stray resting order far away.
    /// </summary>
    public long SweepLimitTicks { get; init; } = 50;

    public double MakerFeeRate { get; init; }

    public double TakerFeeRate { get; init; }

    public FundamentalParameters Fundamental { get; init; } = new();

    public NoiseTraderParameters Noise { get; init; } = new();

    public InformedTraderParameters Informed { get; init; } = new();

    public MomentumTraderParameters Momentum { get; init; } = new();

    public ValueTraderParameters Value { get; init; } = new();

    public CompetitorParameters Competitor { get; init; } = new();

    public ClusteringParameters Clustering { get; init; } = new();

    public LatencyParameters Latency { get; init; } = new();

    public AgentMarketParameters Validate()
    {
        if (string.IsNullOrWhiteSpace(Symbol))
        {
            throw new InvalidParameterException("symbol", "must not be empty");
        }

        InvalidParameterException.RequirePositive("tick_size", TickSize);
        InvalidParameterException.RequirePositive("lot_size", LotSize);
        InvalidParameterException.RequirePositive("initial_price", InitialPrice);
        if (InitialPrice / TickSize < 100)
        {
            throw new InvalidParameterException("initial_price", $"must be at least 100 ticks ({100 * TickSize}) so prices stay positive");
        }

        InvalidParameterException.RequirePositive("duration", Duration);
        InvalidParameterException.RequireNonNegative("warm_up", WarmUp);
        InvalidParameterException.RequirePositive("decision_interval", DecisionInterval);
        if (SweepLimitTicks < 1)
        {
            throw new InvalidParameterException("sweep_limit_ticks", $"must be at least 1, got {SweepLimitTicks}");
        }

        InvalidParameterException.RequireFinite("maker_fee", MakerFeeRate);
        InvalidParameterException.RequireFinite("taker_fee", TakerFeeRate);
        Fundamental.Validate();
        Noise.Validate();
        Informed.Validate();
        Momentum.Validate();
        Value.Validate();
        Competitor.Validate();
        Clustering.Validate();
        Latency.Validate();
        return this;
    }
}
