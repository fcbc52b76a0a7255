using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Exchange;

/// <summary>What the exchange answers a request: retCode 0 and a result, or Bybit's error code and message.</summary>
internal sealed record VenueReply<T>(int RetCode, string RetMsg, T? Result, BybitExtInfo ExtInfo)
    where T : class
{
    public static VenueReply<T> Ok(T result, BybitExtInfo? ext = null) => new(0, "OK", result, ext ?? BybitExtInfo.Empty);

    public static VenueReply<T> Error(int code, string message) => new(code, message, null, BybitExtInfo.Empty);
}
