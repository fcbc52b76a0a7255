using System.Text.Json.Serialization;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Exchange;

/// <summary>
/// GET /venue/state: the account as the venue sees it, for tests and acceptance checks (outside
/// Bybit's /v5 surface). Orders and executions are in Bybit's own shapes.
/// </summary>
public sealed record VenueState
{
    [JsonPropertyName("symbol")]
    public string Symbol { get; init; } = "";

    /// <summary>Signed position (positive long), exact.</summary>
    [JsonPropertyName("position")]
    public decimal Position { get; init; }

    [JsonPropertyName("avg_entry_price")]
    public decimal AverageEntryPrice { get; init; }

    /// <summary>initial − Σ side·qty·price − Σ fees, exact.</summary>
    [JsonPropertyName("cash")]
    public decimal Cash { get; init; }

    /// <summary>Bybit's wallet balance: initial + closed PnL − fees.</summary>
    [JsonPropertyName("wallet_balance")]
    public decimal WalletBalance { get; init; }

    [JsonPropertyName("closed_pnl")]
    public decimal ClosedPnl { get; init; }

    [JsonPropertyName("fees")]
    public decimal Fees { get; init; }

    [JsonPropertyName("mark_price")]
    public decimal MarkPrice { get; init; }

    /// <summary>Orders ever placed (every status).</summary>
    [JsonPropertyName("orders_total")]
    public int Orders { get; init; }

    [JsonPropertyName("open_orders")]
    public IReadOnlyList<BybitOrder> OpenOrders { get; init; } = [];

    /// <summary>Every execution, oldest first.</summary>
    [JsonPropertyName("executions")]
    public IReadOnlyList<BybitExecution> Executions { get; init; } = [];
}
