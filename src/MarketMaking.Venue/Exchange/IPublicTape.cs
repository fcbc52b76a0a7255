using MarketMaking.Core.Orders;

namespace MarketMaking.Venue.Exchange;

/// <summary>Receives every trade of the market, the clients' included, for the public trade stream, recent trades, klines and tickers.</summary>
internal interface IPublicTape
{
    /// <param name="time">Exchange time, ms.</param>
    /// <param name="aggressor">The taker's side.</param>
    void OnTrade(long time, Side aggressor, long priceTicks, long sizeLots);
}
