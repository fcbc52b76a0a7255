using MarketMaking.Core.Errors;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// A request got no answer in time. Unlike a refusal, its outcome is unknown: an order may or may
/// not have been placed, amended or cancelled. Ask the exchange (open orders by orderLinkId, the
/// private stream) before assuming either; retrying a create with the same orderLinkId is safe.
/// </summary>
public sealed class BybitTimeoutException : MarketMakingException
{
    public BybitTimeoutException(string request, TimeSpan timeout, Exception inner)
        : base($"Bybit {request}: no answer within {timeout.TotalSeconds:0.###} s; whether it took effect is unknown", inner)
    {
        Request = request;
        Timeout = timeout;
    }

    /// <summary>What was asked (<c>POST /v5/order/create</c>).</summary>
    public string Request { get; }

    public TimeSpan Timeout { get; }

    public override int ExitCode => 1;
}
