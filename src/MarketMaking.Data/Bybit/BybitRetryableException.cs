namespace MarketMaking.Data.Bybit;

/// <summary>
/// A rate limit or a passing server fault: the retry pipeline waits (until <see cref="ResetAt"/>
/// when Bybit said) and asks again; once retries run out it becomes a <see cref="BybitApiException"/>.
/// </summary>
internal sealed class BybitRetryableException : Exception
{
    public BybitRetryableException(string request, int code, string exchangeMessage, DateTimeOffset? resetAt)
        : base($"Bybit {request}: error {code}: {exchangeMessage}")
    {
        Request = request;
        Code = code;
        ExchangeMessage = exchangeMessage;
        ResetAt = resetAt;
    }

    public string Request { get; }

    public int Code { get; }

    public string ExchangeMessage { get; }

    /// <summary>When the rate limit resets (<c>X-Bapi-Limit-Reset-Timestamp</c>), if Bybit sent it.</summary>
    public DateTimeOffset? ResetAt { get; }

    public BybitApiException ToApiException() => new(Request, Code, ExchangeMessage);
}
