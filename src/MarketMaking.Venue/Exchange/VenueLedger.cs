using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Exchange;

/// <summary>
/// The one test account across the venue's instruments, as Bybit's unified account is: one USDT
/// wallet whose balance, margin and available funds sum every instrument's position and open
/// orders, and one series of order ids, execution ids and private-message ids (so no two
/// instruments hand out the same id). Each instrument's <see cref="VenueExchange"/> joins it.
/// </summary>
internal sealed class VenueLedger(VenueSettings settings)
{
    private readonly List<VenueExchange> _exchanges = [];
    private long _messages;
    private long _orders;

    public VenueIds OrderIds { get; } = new(settings.Seed, 1);

    public VenueIds ExecutionIds { get; } = new(settings.Seed, 2);

    public IReadOnlyList<VenueExchange> Exchanges => _exchanges;

    /// <summary>Every execution of every instrument, oldest first.</summary>
    public List<BybitExecution> Executions { get; } = [];

    public void Join(VenueExchange exchange) => _exchanges.Add(exchange);

    /// <summary>The orders' initial margin (totalOrderIM) when the wallet topic was last due: a change is a wallet change.</summary>
    public decimal WalletOrderMargin { get; set; }

    /// <summary>The account's order number of the next order (orders of every instrument, oldest first).</summary>
    public long NextOrderNumber() => ++_orders;

    /// <summary>A private message's id: the seed and a counter over every instrument's messages.</summary>
    public string NextMessageId() => $"{settings.Seed:x}{++_messages:x10}";

    /// <summary>Bybit's walletBalance: the initial balance plus every instrument's closed PnL net of fees.</summary>
    public decimal WalletBalance => settings.InitialBalance + _exchanges.Sum(e => e.Account.CumulativeRealised);

    /// <summary>Σ unrealised PnL of the positions at their marks.</summary>
    public decimal UnrealisedPnl => _exchanges.Sum(e => e.Account.UnrealisedPnl(e.MarkPrice));

    /// <summary>Σ initial margin of the positions (|position| × mark / leverage).</summary>
    public decimal PositionMargin => _exchanges.Sum(e => Math.Abs(e.Account.Position) * e.MarkPrice) / settings.Leverage;

    /// <summary>Σ maintenance margin of the positions.</summary>
    public decimal MaintenanceNotional => _exchanges.Sum(e => Math.Abs(e.Account.Position) * e.MarkPrice);

    /// <summary>Σ initial margin of the open orders that are not reduce-only, leaving out <paramref name="except"/>.</summary>
    public decimal OrderMargin(VenueOrder? except) => _exchanges.Sum(e => e.OrderNotional(except)) / settings.Leverage;

    /// <summary>Σ cumulative realised PnL (Bybit's cumRealisedPnl of the coin).</summary>
    public decimal CumulativeRealised => _exchanges.Sum(e => e.Account.CumulativeRealised);

    /// <summary>The exchange listing <paramref name="symbol"/>, or null.</summary>
    public VenueExchange? Find(string? symbol) => _exchanges.FirstOrDefault(e => e.Symbol == symbol);

    /// <summary>"A only" or "A, B only": the listing named in a symbol-invalid error.</summary>
    public string Listing => string.Join(", ", _exchanges.Select(e => e.Symbol));
}
