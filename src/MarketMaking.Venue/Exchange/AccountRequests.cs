using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Exchange;

/// <summary>
/// The private requests about the whole account (cancel-all, open orders, executions, positions,
/// wallet), answered across every instrument's exchange as Bybit answers them: by symbol for one
/// instrument, by settle or base coin for all that match, newest first, paged over the merged list.
/// Runs on the market thread.
/// </summary>
internal sealed class AccountRequests(VenueLedger ledger)
{
    private const string Category = VenueExchange.Category;
    private const string SettleCoin = VenueExchange.SettleCoin;
    private const int RecentClosed = 500;
    private const long Day = 86_400_000L;
    private const long Week = 7 * Day;

    /// <summary>The instrument a symbol names; an unlisted symbol goes to the first, which refuses it with Bybit's error.</summary>
    public VenueExchange For(string? symbol) => ledger.Find(symbol) ?? ledger.Exchanges[0];

    /// <summary>POST /v5/order/cancel-all (by symbol, or by settle coin USDT / base coin).</summary>
    public VenueReply<BybitCancelAllResult> CancelAll(BybitCancelAllRequest request)
    {
        if (request.Category != Category)
        {
            return VenueReply<BybitCancelAllResult>.Error(VenueErrors.ParamsError, VenueErrors.Params($"category must be {Category} on this venue"));
        }

        var cancelled = new List<BybitOrderAck>();
        foreach (VenueExchange exchange in ledger.Exchanges.Where(e => e.Listed(request.Symbol, request.BaseCoin, request.SettleCoin)))
        {
            cancelled.AddRange(exchange.CancelEverything());
        }

        return VenueReply<BybitCancelAllResult>.Ok(new BybitCancelAllResult { List = cancelled, Success = "1" });
    }

    /// <summary>GET /v5/order/realtime.</summary>
    public VenueReply<BybitPage<BybitOrder>> Orders(BybitOrderQuery query)
    {
        if (query.Category != Category)
        {
            return VenueReply<BybitPage<BybitOrder>>.Error(VenueErrors.ParamsError, VenueErrors.Params($"category must be {Category} on this venue"));
        }

        IEnumerable<(VenueExchange Exchange, VenueOrder Order)> matches;
        if (query.OrderId is not null || query.OrderLinkId is not null)
        {
            matches = ledger.Exchanges.Select(e => (e, e.Find(query.OrderId, query.OrderLinkId))).Where(m => m.Item2 is not null).Select(m => (m.e, m.Item2!)).Take(1);
        }
        else if (query.Symbol is null && query.SettleCoin is null && query.BaseCoin is null)
        {
            return VenueReply<BybitPage<BybitOrder>>.Error(VenueErrors.ParamsError, VenueErrors.Params("symbol, baseCoin or settleCoin is required"));
        }
        else
        {
            IEnumerable<VenueExchange> listed = ledger.Exchanges.Where(e => e.Listed(query.Symbol, query.BaseCoin, query.SettleCoin));
            matches = query.OpenOnly == 1
                ? listed.SelectMany(e => e.AllOrders.Where(o => !o.IsOpen).Select(o => (e, o))).OrderByDescending(m => m.o.Number).Take(RecentClosed)
                : listed.SelectMany(e => e.OpenOrders.Select(o => (e, o))).OrderByDescending(m => m.o.Number);
        }

        return VenueReply<BybitPage<BybitOrder>>.Ok(VenueExchange.Page(matches.Select(m => m.Exchange.OrderRecord(m.Order, stream: false)), query.Limit, 20, 50, query.Cursor));
    }

    /// <summary>
    /// GET /v5/order/history: every instrument's orders (or those the symbol or coin names) created
    /// in a window of at most seven days (the last seven by default; by id, whenever created), newest
    /// first. An order that closed without trading (cancelled, rejected) is kept a day after it
    /// closed; one older than seven days only if it traded, as Bybit keeps them.
    /// </summary>
    public VenueReply<BybitPage<BybitOrder>> OrderHistory(BybitOrderHistoryQuery query)
    {
        if (query.Category != Category)
        {
            return VenueReply<BybitPage<BybitOrder>>.Error(VenueErrors.ParamsError, VenueErrors.Params($"category must be {Category} on this venue"));
        }

        if (query.StartTime is { } from && query.EndTime is { } to && (to < from || to - from > Week))
        {
            return VenueReply<BybitPage<BybitOrder>>.Error(VenueErrors.ParamsError, VenueErrors.Params("endTime must be after startTime and within 7 days of it"));
        }

        long now = ledger.Exchanges[0].NowMs;
        long end = query.EndTime ?? (query.StartTime is { } s ? s + Week : now);
        long start = query.StartTime ?? end - Week;
        bool byId = query.OrderId is not null || query.OrderLinkId is not null;
        IEnumerable<VenueExchange> listed = query.Symbol is null && query.BaseCoin is null && query.SettleCoin is null
            ? ledger.Exchanges
            : ledger.Exchanges.Where(e => e.Listed(query.Symbol, query.BaseCoin, query.SettleCoin));
        IEnumerable<(VenueExchange Exchange, VenueOrder Order)> matches = listed
            .SelectMany(e => e.AllOrders.Select(o => (e, o)))
            .Where(m => (query.OrderId is null || m.o.OrderId == query.OrderId)
                && (query.OrderLinkId is null || m.o.OrderLinkId == query.OrderLinkId)
                && (query.OrderStatus is null || m.o.Status == query.OrderStatus)
                && (byId || (m.o.CreatedTime >= start && m.o.CreatedTime <= end))
                && Kept(m.o, now))
            .OrderByDescending(m => m.o.Number);
        return VenueReply<BybitPage<BybitOrder>>.Ok(VenueExchange.Page(matches.Select(m => m.Exchange.HistoryRecord(m.Order)), query.Limit, 20, 50, query.Cursor));
    }

    /// <summary>Whether Bybit's history still shows <paramref name="order"/> at <paramref name="now"/> (ms): one that traded always, one created in the last seven days if open or filled, one that closed without trading for a day.</summary>
    internal static bool Kept(VenueOrder order, long now) =>
        order.FilledLots > 0
        || (now - order.CreatedTime <= Week && (order.IsOpen || order.Status == BybitOrderStatus.Filled || now - order.UpdatedTime <= Day));

    /// <summary>
    /// GET /v5/execution/list: newest first, in a window of at most seven days (the last seven when
    /// neither end is given, the seven from or to the one given; by id, whenever).
    /// </summary>
    public VenueReply<BybitPage<BybitExecution>> ExecutionList(BybitExecutionQuery query)
    {
        if (query.Category != Category)
        {
            return VenueReply<BybitPage<BybitExecution>>.Error(VenueErrors.ParamsError, VenueErrors.Params($"category must be {Category} on this venue"));
        }

        if (query.StartTime is { } from && query.EndTime is { } to && (to < from || to - from > Week))
        {
            return VenueReply<BybitPage<BybitExecution>>.Error(VenueErrors.ParamsError, VenueErrors.Params("endTime must be after startTime and within 7 days of it"));
        }

        long end = query.EndTime ?? (query.StartTime is { } s ? s + Week : ledger.Exchanges[0].NowMs);
        long start = query.StartTime ?? end - Week;
        IEnumerable<BybitExecution> matches = Enumerable.Reverse(ledger.Executions);
        if (query.OrderId is not null || query.OrderLinkId is not null)
        {
            matches = matches.Where(x => query.OrderId is not null ? x.OrderId == query.OrderId : x.OrderLinkId == query.OrderLinkId);
        }
        else
        {
            string? settle = query.SettleCoin ?? (query.Symbol is null && query.BaseCoin is null ? SettleCoin : null);
            HashSet<string> listed = [.. ledger.Exchanges.Where(x => x.Listed(query.Symbol, query.BaseCoin, settle)).Select(x => x.Symbol)];
            matches = matches.Where(x => listed.Contains(x.Symbol) && x.ExecTime >= start && x.ExecTime <= end && (query.ExecType is null || x.ExecType == query.ExecType));
        }

        return VenueReply<BybitPage<BybitExecution>>.Ok(VenueExchange.Page(matches.Select(VenueExchange.RestExecution), query.Limit, 50, 100, query.Cursor));
    }

    /// <summary>GET /v5/position/list: the symbol's position (even flat), or by settle coin the non-empty ones.</summary>
    public VenueReply<BybitPage<BybitPosition>> Positions(BybitPositionQuery query)
    {
        if (query.Category != Category)
        {
            return VenueReply<BybitPage<BybitPosition>>.Error(VenueErrors.ParamsError, VenueErrors.Params($"category must be {Category} on this venue"));
        }

        if (query.Symbol is null && query.SettleCoin is null)
        {
            return VenueReply<BybitPage<BybitPosition>>.Error(VenueErrors.ParamsError, VenueErrors.Params("symbol or settleCoin is required"));
        }

        IEnumerable<VenueExchange> shown = query.Symbol is { } symbol
            ? ledger.Exchanges.Where(e => e.Symbol == symbol)
            : ledger.Exchanges.Where(e => query.SettleCoin == SettleCoin && e.Account.Position != 0);
        return VenueReply<BybitPage<BybitPosition>>.Ok(new BybitPage<BybitPosition> { Category = Category, List = [.. shown.Select(e => e.PositionRecord(stream: false))] });
    }

    /// <summary>GET /v5/account/wallet-balance of the unified account (every instrument's positions and orders).</summary>
    public VenueReply<BybitWalletBalance> WalletBalance(string? accountType, string? coin)
    {
        if (accountType != "UNIFIED")
        {
            return VenueReply<BybitWalletBalance>.Error(VenueErrors.ParamsError, VenueErrors.Params("accountType only support UNIFIED"));
        }

        bool usdt = coin is null || coin.Split(',').Contains(SettleCoin, StringComparer.Ordinal);
        return VenueReply<BybitWalletBalance>.Ok(new BybitWalletBalance { List = [ledger.Exchanges[0].WalletRecord(usdt)] });
    }
}
