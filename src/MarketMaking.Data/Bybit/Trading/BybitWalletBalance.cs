namespace MarketMaking.Data.Bybit.Trading;

/// <summary>The result of GET /v5/account/wallet-balance: one entry per account (the unified account).</summary>
public sealed record BybitWalletBalance
{
    public IReadOnlyList<BybitWallet> List { get; init; } = [];
}
