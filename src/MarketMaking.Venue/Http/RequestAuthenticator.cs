using System.Globalization;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Venue.Exchange;
using Microsoft.AspNetCore.Http;

namespace MarketMaking.Venue.Http;

/// <summary>
/// Checks a private request as Bybit does (docs/v5/guide.mdx): the key (10003), a timestamp inside
/// [server − recv window, server + 1 s) (10002), and X-BAPI-SIGN = HMAC-SHA256(secret, timestamp +
/// key + recv window + query string or body) (10004). The receive window defaults to 5000 ms.
/// </summary>
internal sealed class RequestAuthenticator
{
    private const long DefaultRecvWindow = 5000;

    private readonly BybitCredentials _account;
    private readonly VenueClock _clock;

    public RequestAuthenticator(BybitCredentials account, VenueClock clock)
    {
        _account = account;
        _clock = clock;
    }

    /// <summary>Null when the request is the account's, in time and signed right; otherwise Bybit's error.</summary>
    public (int Code, string Message)? Check(IHeaderDictionary headers, ReadOnlySpan<byte> payload)
    {
        string key = headers["X-BAPI-API-KEY"].ToString();
        if (key != _account.ApiKey)
        {
            return (VenueErrors.InvalidApiKey, VenueErrors.InvalidApiKeyMessage);
        }

        string window = headers["X-BAPI-RECV-WINDOW"].ToString();
        string stamp = headers["X-BAPI-TIMESTAMP"].ToString();
        if (CheckTime(stamp, window) is { } late)
        {
            return late;
        }

        long timestamp = long.Parse(stamp, NumberStyles.Integer, CultureInfo.InvariantCulture);
        long recvWindow = window.Length == 0 ? DefaultRecvWindow : long.Parse(window, NumberStyles.Integer, CultureInfo.InvariantCulture);
        Span<char> expected = stackalloc char[BybitSigner.SignatureLength];
        BybitSigner.SignRequest(_account, timestamp, recvWindow, payload, expected);
        return BybitSigner.Matches(expected, headers["X-BAPI-SIGN"].ToString()) ? null : (VenueErrors.SignError, VenueErrors.SignErrorMessage);
    }

    /// <summary>
    /// Null when <paramref name="timestamp"/> (ms) lies in [server − recv window, server + 1 s), the
    /// window being <paramref name="window"/> ms (empty: 5000); otherwise Bybit's 10002 and its message.
    /// </summary>
    public (int Code, string Message)? CheckTime(string timestamp, string window)
    {
        long now = _clock.NowMs;
        long recvWindow = window.Length == 0 ? DefaultRecvWindow : long.TryParse(window, NumberStyles.Integer, CultureInfo.InvariantCulture, out long w) && w > 0 ? w : -1;
        if (!long.TryParse(timestamp, NumberStyles.Integer, CultureInfo.InvariantCulture, out long stamp) || recvWindow < 0
            || stamp < now - recvWindow || stamp >= now + 1000)
        {
            return (VenueErrors.TimestampOutsideWindow,
                $"invalid request, please check your server timestamp or recv_window param. req_timestamp[{timestamp}],server_timestamp[{now}],recv_window[{(window.Length == 0 ? DefaultRecvWindow.ToString(CultureInfo.InvariantCulture) : window)}]");
        }

        return null;
    }

    /// <summary>Checks a private-stream auth request's arguments: Bybit answers "Params Error" to an expired one and "Request not authorized" to a wrong key or signature.</summary>
    public string? CheckStream(string key, long expires, string signature)
    {
        if (expires <= _clock.NowMs)
        {
            return "Params Error";
        }

        return key == _account.ApiKey && BybitSigner.Matches(BybitSigner.SignWebSocketAuth(_account, expires), signature) ? null : "Request not authorized";
    }
}
