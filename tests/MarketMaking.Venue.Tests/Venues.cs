using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Simulation.Agents;
using MarketMaking.Venue;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Venue.Tests;

/// <summary>Venues for the tests: on a quiet market (only the clients trade: every outcome is exact) or a busy one.</summary>
internal static class Venues
{
    /// <summary>The agent-based market's seeded book (20 levels a side around 100.00, tick 0.01, lot 1) with every background trader switched off.</summary>
    public static AgentMarketParameters Quiet { get; } = new()
    {
        Symbol = "SIM",
        WarmUp = 0,
        Noise = new NoiseTraderParameters { LimitRate = 0, MarketRate = 0, CancelRate = 0 },
        Informed = new InformedTraderParameters { Rate = 0 },
        Momentum = new MomentumTraderParameters { Rate = 0 },
        Value = new ValueTraderParameters { Rate = 0 },
    };

    /// <summary>The default agent-based market: noise, informed and clustered flow.</summary>
    public static AgentMarketParameters Busy { get; } = new() { Symbol = "SIM", WarmUp = 30 };

    public static Task<LocalVenue> StartAsync(AgentMarketParameters market, VenueSettings? settings = null, ulong seed = 7, TextWriter? faultLog = null) =>
        LocalVenue.StartAsync(new AgentVenueMarket(market, seed), settings ?? new VenueSettings(), faultLog);

    public static BybitTradingClient Client(LocalVenue venue, BybitCredentials? credentials = null, TimeSpan? timeout = null) =>
        new(credentials ?? venue.Credentials, new BybitTradingOptions { Environment = venue.Environment, Timeout = timeout ?? TimeSpan.FromSeconds(10) });

    /// <summary>A limit order of SIMUSDT (by default a bid of 1 at 95.00, far from the quiet book's touch).</summary>
    public static BybitOrderRequest Limit(string linkId, Side side = Side.Buy, decimal price = 95m, decimal qty = 1) => new()
    {
        Category = "linear",
        Symbol = "SIMUSDT",
        Side = side,
        OrderType = BybitOrderType.Limit,
        Qty = qty,
        Price = price,
        OrderLinkId = linkId,
    };

    /// <summary>A market order of SIMUSDT.</summary>
    public static BybitOrderRequest Market(string linkId, Side side, decimal qty) => new()
    {
        Category = "linear",
        Symbol = "SIMUSDT",
        Side = side,
        OrderType = BybitOrderType.Market,
        Qty = qty,
        OrderLinkId = linkId,
    };
}
