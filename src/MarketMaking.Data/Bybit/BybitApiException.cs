using MarketMaking.Core.Errors;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// Bybit answered with an error: a retCode other than 0, an HTTP error status, or a refused
/// subscription. A runtime failure (exit code 1), not a usage error.
/// </summary>
public sealed class BybitApiException : MarketMakingException
{
    public BybitApiException(string request, int? code, string exchangeMessage)
        : base(code is { } c ? $"Bybit {request}: error {c}: {exchangeMessage}" : $"Bybit {request}: {exchangeMessage}")
    {
        Request = request;
        Code = code;
        ExchangeMessage = exchangeMessage;
    }

    /// <summary>What was asked (<c>GET /v5/market/kline</c>, <c>subscribe orderbook.50.BTCUSDT</c>).</summary>
    public string Request { get; }

    /// <summary>Bybit's retCode, or the HTTP status when the answer carried none; null when Bybit gave no code at all.</summary>
    public int? Code { get; }

    /// <summary>Bybit's own message (retMsg, ret_msg or the HTTP reason).</summary>
    public string ExchangeMessage { get; }

    /// <summary>The topics a refused subscription asked for (empty for a REST request or an authentication).</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>The rate-limit headers of the answer (unknown when it carried none, or there was no answer).</summary>
    public BybitRateLimit RateLimit { get; init; }

    /// <summary>True for a refusal by Bybit's rate limit (retCode 10006, HTTP 429): nothing was done, wait and ask again.</summary>
    public bool IsRateLimit => Code is 10006 or 10018 or 10429 or 429;

    public override int ExitCode => 1;
}
