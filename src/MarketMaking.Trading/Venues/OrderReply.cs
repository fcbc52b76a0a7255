namespace MarketMaking.Trading.Venues;

/// <summary>The venue's answer to one <see cref="OrderCommand"/>.</summary>
/// <param name="Command">The request answered.</param>
/// <param name="Outcome">Accepted, rejected, rate-limited or unknown.</param>
/// <param name="Code">The venue's code (Bybit's <c>retCode</c>; 0 on success; −1 when there was no answer).</param>
/// <param name="Message">The venue's message, or what went wrong.</param>
/// <param name="ExchangeOrderId">The venue's order id, when it said.</param>
/// <param name="ExchangeTime">The venue's time of the answer (ns), 0 when unknown.</param>
/// <param name="ReceivedAt">Local time (ns) the answer arrived.</param>
/// <param name="LimitRemaining">Requests left in the venue's rate-limit window (−1 when not said).</param>
/// <param name="LimitResetAt">When the venue's window resets (ns), 0 when not said.</param>
/// <param name="Limit">The venue's limit for the endpoint now, in requests a second (−1 when not said).</param>
public sealed record OrderReply(
    OrderCommand Command,
    ReplyOutcome Outcome,
    int Code,
    string Message,
    string? ExchangeOrderId,
    long ExchangeTime,
    long ReceivedAt,
    int LimitRemaining = -1,
    long LimitResetAt = 0,
    int Limit = -1);
