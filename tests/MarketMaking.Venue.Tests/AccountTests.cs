using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Venue.Exchange;

namespace MarketMaking.Venue.Tests;

public sealed class AccountTests
{
    [Fact]
    public void PositionCashAndPnlFollowTheFillsByHand()
    {
        var account = new VenueAccount(1000m);

        account.Apply(Side.Buy, 2m, 100.00m, 0.04m);   // long 2 @ 100
        account.Apply(Side.Buy, 1m, 103.00m, 0.02m);   // long 3, average (200 + 103) / 3 = 101
        (decimal closed, decimal pnl) = account.Apply(Side.Sell, 2m, 104.00m, 0.05m); // closes 2: (104 − 101) × 2 = 6

        Assert.Equal((2m, 6m), (closed, pnl));
        Assert.Equal((1m, 101m), (account.Position, account.AverageEntry));
        Assert.Equal(0.11m, account.Fees);
        Assert.Equal(1000m - 200m - 103m + 208m - 0.11m, account.Cash);      // 904.89
        Assert.Equal(1000m + 6m - 0.11m, account.WalletBalance);               // 1005.89
        Assert.Equal(account.Cash + (account.Position * 110m), account.WalletBalance + account.UnrealisedPnl(110m)); // equity two ways, at a mark of 110

        (closed, pnl) = account.Apply(Side.Sell, 3m, 99.00m, 0.03m); // closes the last 1 at a loss of 2, then opens short 2 @ 99
        Assert.Equal((1m, -2m), (closed, pnl));
        Assert.Equal((-2m, 99m), (account.Position, account.AverageEntry));
        Assert.Equal(4m, account.ClosedPnl);
        Assert.Equal(904.89m + 297m - 0.03m, account.Cash);
        Assert.Equal(account.Cash + (account.Position * 95m), account.WalletBalance + account.UnrealisedPnl(95m));
    }

    [Fact]
    public void ARebateAddsToCash()
    {
        var account = new VenueAccount(500m);

        account.Apply(Side.Sell, 4m, 25.50m, -0.0102m); // a maker rebate of 1 bp: −(4 × 25.50 × 0.0001)

        Assert.Equal((500m + 102m + 0.0102m, -4m, -0.0102m), (account.Cash, account.Position, account.Fees));
    }

    [Fact]
    public async Task TheVenuesCashIsTheInitialBalanceLessEveryFillAndFee()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Quiet, new VenueSettings { InitialBalance = 50_000m, RateLimits = new VenueRateLimits { Scale = 0 } });
        using BybitTradingClient client = Venues.Client(venue);

        await client.PlaceOrderAsync(Venues.Market("buy-7", Side.Buy, 7));
        await client.PlaceOrderAsync(new BybitOrderRequest { Category = "linear", Symbol = "SIMUSDT", Side = Side.Sell, OrderType = BybitOrderType.Limit, Qty = 3, Price = 100.00m, OrderLinkId = "ask-3" });
        await client.PlaceOrderAsync(Venues.Market("sell-9", Side.Sell, 9));

        VenueState state = await venue.StateAsync();
        decimal flows = state.Executions.Sum(e => (e.Side == Side.Buy ? -1 : 1) * e.ExecQty * e.ExecPrice);
        decimal fees = state.Executions.Sum(e => e.ExecFee);
        Assert.Equal(50_000m + flows - fees, state.Cash);
        Assert.Equal(state.Executions.Sum(e => (e.Side == Side.Buy ? 1 : -1) * e.ExecQty), state.Position);
        Assert.Equal(-2m, state.Position);
        Assert.All(state.Executions, e => Assert.Equal(e.ExecQty * e.ExecPrice * (e.IsMaker ? 0.0002m : 0.00055m), e.ExecFee));

        // The wallet as Bybit reports it agrees: balance = initial + closed PnL − fees.
        BybitWallet wallet = Assert.Single((await client.GetWalletBalanceAsync()).Result.List);
        Assert.Equal(state.WalletBalance, wallet.TotalWalletBalance);
        Assert.Equal(50_000m + state.ClosedPnl - fees, wallet.TotalWalletBalance);
        BybitPosition position = Assert.Single((await client.GetPositionsAsync(new BybitPositionQuery("linear", "SIMUSDT"))).Result.List);
        Assert.Equal((Side.Sell, 2m), (position.Side!.Value, position.Size));
    }

    [Fact]
    public async Task OrdersNeedTheirInitialMarginOfNotionalOverLeverage()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Quiet, new VenueSettings { InitialBalance = 1_000m, RateLimits = new VenueRateLimits { Scale = 0 } });
        using BybitTradingClient client = Venues.Client(venue);

        // Each order takes qty × price / 10 of the 1,000: 100 lots at 99 take 990, 2 more would take 19.80, 1 more 9.90.
        await client.PlaceOrderAsync(Venues.Limit("fits", Side.Buy, 99m, 100));
        BybitApiException refused = await Assert.ThrowsAsync<BybitApiException>(() => client.PlaceOrderAsync(Venues.Limit("too-much", Side.Buy, 99m, 2)));
        await client.PlaceOrderAsync(Venues.Limit("last", Side.Buy, 99m, 1));

        Assert.Equal((110007, "Available balance is insufficient"), (refused.Code, refused.ExchangeMessage));
        BybitWallet wallet = Assert.Single((await client.GetWalletBalanceAsync()).Result.List);
        Assert.Equal((999.9m, 0.1m), (wallet.TotalInitialMargin, wallet.TotalAvailableBalance));
    }
}
