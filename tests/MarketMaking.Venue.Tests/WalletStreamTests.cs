using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Tests;

/// <summary>
/// When the private stream pushes <c>wallet</c> (docs/v5/websocket/private/wallet.mdx: every change of
/// the wallet, but not the unrealised PnL's, and no snapshot on subscription): a fill, and an order
/// placed, amended or cancelled, each of which moves totalOrderIM (notional / leverage 10) and with it
/// totalInitialMargin and totalAvailableBalance.
/// </summary>
public sealed class WalletStreamTests : QuietVenueTest
{
    [Fact]
    public async Task PlacingAmendingAndCancellingAnOrderEachPushTheWalletWithTheOrdersMargin()
    {
        await using PrivateFeed feed = await PrivateFeed.OpenAsync(Venue);

        await Client.PlaceOrderAsync(Venues.Limit("bid", Side.Buy, 95m, 2));
        Assert.Equal((19m, 19m, 99_981m), Margins(await NextWallet(feed, 1))); // 2 × 95 / 10

        await Client.AmendOrderAsync(new BybitAmendRequest { Category = "linear", Symbol = "SIMUSDT", OrderLinkId = "bid", Qty = 3, Price = 96m });
        Assert.Equal((28.8m, 28.8m, 99_971.2m), Margins(await NextWallet(feed, 2))); // 3 × 96 / 10

        await Client.CancelOrderAsync(new BybitCancelRequest { Category = "linear", Symbol = "SIMUSDT", OrderLinkId = "bid" });
        Assert.Equal((0m, 0m, 100_000m), Margins(await NextWallet(feed, 3)));

        // A post-only order that would cross is cancelled in the step that places it: the wallet did
        // not change, so nothing is pushed; the next order's wallet is the fourth message, not the fifth.
        await Client.PlaceOrderAsync(Venues.Limit("crosses", Side.Buy, 100.01m, 1) with { TimeInForce = BybitTimeInForce.PostOnly });
        await Client.PlaceOrderAsync(Venues.Limit("ask", Side.Sell, 105m, 1));
        Assert.Equal((10.5m, 10.5m, 99_989.5m), Margins(await NextWallet(feed, 4)));
        Assert.Equal(4, feed.Messages.Count(m => m.Kind == BybitPrivateMessageKind.Wallet));
    }

    [Fact]
    public async Task AFillPushesTheWalletWithItsFee()
    {
        await using PrivateFeed feed = await PrivateFeed.OpenAsync(Venue);

        await Client.PlaceOrderAsync(Venues.Market("take", Side.Buy, 1));

        BybitWallet wallet = await NextWallet(feed, 1);
        Assert.Equal(100_000m - (100.01m * 0.00055m), wallet.TotalWalletBalance); // one lot at the best ask, the taker fee
        Assert.Equal(0m, Assert.Single(wallet.Coin).TotalOrderIM);
    }

    /// <summary>The <paramref name="count"/>-th wallet record the stream pushed (waiting for it).</summary>
    private static async Task<BybitWallet> NextWallet(PrivateFeed feed, int count)
    {
        IReadOnlyList<BybitPrivateMessage> messages = await feed.WaitAsync(list => list.Count(m => m.Kind == BybitPrivateMessageKind.Wallet) >= count);
        return Assert.Single(messages.Where(m => m.Kind == BybitPrivateMessageKind.Wallet).ElementAt(count - 1).Wallets);
    }

    private static (decimal? OrderIm, decimal? InitialMargin, decimal? Available) Margins(BybitWallet wallet) =>
        (Assert.Single(wallet.Coin).TotalOrderIM, wallet.TotalInitialMargin, wallet.TotalAvailableBalance);
}
