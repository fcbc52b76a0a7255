namespace MarketMaking.Venue.Faults;

/// <summary>
/// When one fault happens and how hard. Message and request faults (skip_delta, private_*,
/// http_5xx, timeout, reject_order) strike each opportunity with probability <see cref="Rate"/>;
/// timed faults (drop_connection, market_data_pause, rate_limit_squeeze, clock_skew) start
/// <see cref="Rate"/> times per second on average (Poisson; drop_connection per connection). Either
/// kind can instead follow a schedule: at the times <see cref="At"/> and every <see cref="Every"/>
/// after the venue started, each lasting <see cref="Duration"/> (a message or request fault then
/// strikes every opportunity inside the window).
/// </summary>
public sealed record FaultRule
{
    /// <summary>Probability per opportunity (message and request faults) or starts per second (timed faults).</summary>
    public double Rate { get; init; }

    /// <summary>Scheduled starts, from the venue's start.</summary>
    public IReadOnlyList<TimeSpan> At { get; init; } = [];

    /// <summary>A start every this long (zero: none).</summary>
    public TimeSpan Every { get; init; }

    /// <summary>How long a pause, squeeze, skew or scheduled window lasts.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>private_delay: how long a message is held back.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>timeout: how long the request is held before the connection is cut.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>timeout: the probability that the held request was processed all the same.</summary>
    public double Executed { get; init; } = 0.5;

    /// <summary>http_5xx: the status answered.</summary>
    public int Status { get; init; } = 503;

    /// <summary>rate_limit_squeeze: what the limits are multiplied by (0 to 1).</summary>
    public double Factor { get; init; } = 0.2;

    /// <summary>clock_skew: how far the exchange's clock is off (positive: ahead).</summary>
    public TimeSpan Offset { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>reject_order: 0 refuses on the order stream after the ack (status Rejected); another code is a REST error with that retCode.</summary>
    public int Code { get; init; }

    /// <summary>True when the rule starts on a schedule rather than at random.</summary>
    public bool IsScheduled => At.Count > 0 || Every > TimeSpan.Zero;
}
