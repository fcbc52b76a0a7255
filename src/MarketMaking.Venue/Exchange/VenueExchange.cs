using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Data.Bybit.Trading.Json;
using MarketMaking.Simulation.Matching;
using MarketMaking.Venue.Faults;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Venue.Exchange;

/// <summary>
/// The exchange behind the venue's private API, on the market thread: checks and enters its
/// client's orders as Bybit does, books every fill in the account (exact decimals), keeps the
/// orders and executions Bybit's queries return, and after each matching step pushes the
/// private-stream messages of that step: the fills together in one execution message, then the
/// orders that changed, the position and the wallet. Not thread-safe: the venue's loop calls it.
/// </summary>
internal sealed class VenueExchange : IVenueMarketSink
{
    public const string Category = "linear";
    public const string SettleCoin = "USDT";
    public const int MaxOpenOrders = 500;
    public const int MaxBatchOrders = 20;

    /// <summary>instruments-info's <c>minNotionalValue</c>: the least qty × price of an order (reduce-only orders are exempt).</summary>
    public const decimal MinNotional = 5m;
    private const int MoneyDecimals = 8;
    private const decimal MaintenanceRate = 0.005m;

    private static readonly BybitTradingJsonContext Json = BybitTradingJsonContext.Default;

    private readonly IVenueMarket _market;
    private readonly VenueSettings _settings;
    private readonly VenueClock _clock;
    private readonly FaultInjector _faults;
    private readonly IPrivateOutput _output;
    private readonly IPublicTape _tape;
    private readonly decimal _tick;
    private readonly decimal _lot;
    private readonly string _symbol;
    private readonly VenueLedger _ledger;
    private readonly VenueAccount _account;
    private readonly Dictionary<string, VenueOrder> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VenueOrder> _byLinkId = new(StringComparer.Ordinal);
    private readonly Dictionary<long, VenueOrder> _byMarketId = [];
    private readonly List<VenueOrder> _orders = [];

    // The open orders, oldest first: the scans of every request (margin, reduce-only room) stay as short as the book of open orders.
    private readonly List<VenueOrder> _open = [];
    private readonly List<BybitExecution> _executions = [];
    private readonly List<VenueOrder> _changed = [];
    private readonly List<BybitExecution> _newFills = [];
    private long _sequence;
    private long _creates;
    private bool _positionChanged;
    private bool _walletChanged;
    private bool _inRequest;
    private bool _checkReduceOnly;
    private OrderRejectReason _lastRefusal;
    private long _positionCreated;

    // The order a market call is about (its events name it by the market's id, learnt from the first of them).
    private MarketAction _action;
    private VenueOrder? _subject;

    /// <param name="symbol">The instrument it lists; <paramref name="ledger"/> is the account it shares with the venue's other instruments.</param>
    public VenueExchange(IVenueMarket market, string symbol, VenueSettings settings, VenueLedger ledger, VenueClock clock, FaultInjector faults, IPrivateOutput output, IPublicTape tape)
    {
        _symbol = symbol;
        _ledger = ledger;
        _market = market;
        _settings = settings;
        _clock = clock;
        _faults = faults;
        _output = output;
        _tape = tape;
        _tick = market.TickSize;
        _lot = market.LotSize;
        _account = new VenueAccount(settings.InitialBalance);
        _market.Sink = this;
        ledger.Join(this);
    }

    public string Symbol => _symbol;

    public VenueAccount Account => _account;

    public IReadOnlyList<BybitExecution> Executions => _executions;

    public IEnumerable<VenueOrder> OpenOrders => _open;

    /// <summary>The mark price: the mid of the best bid and ask, or the last trade when a side is empty.</summary>
    public decimal MarkPrice => _market.MarkPrice();

    /// <summary>POST /v5/order/create.</summary>
    public VenueReply<BybitOrderAck> Place(BybitOrderRequest request)
    {
        _inRequest = true;
        try
        {
            if (request.Category != Category)
            {
                return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, VenueErrors.Params($"category must be {Category} on this venue"));
            }

            VenueReply<BybitOrderAck> reply = PlaceOne(request);
            Flush(position: reply.RetCode == 0);
            return reply;
        }
        finally
        {
            _inRequest = false;
            EnforceReduceOnly();
        }
    }

    /// <summary>POST /v5/order/create-batch: each order placed in turn; the first <paramref name="allowed"/> count against the rate limit, the rest are refused with 10006.</summary>
    public VenueReply<BybitBatchResult> PlaceBatch(BybitBatchOrderRequest request, int allowed)
    {
        if (request.Category != Category)
        {
            return VenueReply<BybitBatchResult>.Error(VenueErrors.ParamsError, VenueErrors.Params($"category must be {Category} on this venue"));
        }

        if (request.Request.Count is 0 or > MaxBatchOrders)
        {
            return VenueReply<BybitBatchResult>.Error(VenueErrors.ParamsError, VenueErrors.Params($"a batch holds 1 to {MaxBatchOrders} orders"));
        }

        var acks = new List<BybitBatchOrderAck>(request.Request.Count);
        var statuses = new List<BybitBatchStatus>(request.Request.Count);
        for (int i = 0; i < request.Request.Count; i++)
        {
            BybitOrderRequest order = request.Request[i];

            // Each order goes to its own instrument's book (an unlisted symbol is refused by this one).
            VenueExchange book = _ledger.Find(order.Symbol) ?? this;
            VenueReply<BybitOrderAck> reply = i < allowed ? book.PlaceInBatch(order with { Category = Category }) : VenueReply<BybitOrderAck>.Error(VenueErrors.TooManyVisits, VenueErrors.TooManyVisitsMessage);

            acks.Add(new BybitBatchOrderAck
            {
                Category = Category,
                Symbol = order.Symbol,
                OrderId = reply.Result?.OrderId ?? "",
                OrderLinkId = reply.Result?.OrderLinkId ?? order.OrderLinkId ?? "",
                CreateAt = reply.RetCode == 0 ? _clock.NowMs : 0,
            });
            statuses.Add(new BybitBatchStatus { Code = reply.RetCode, Msg = reply.RetMsg });
        }

        return VenueReply<BybitBatchResult>.Ok(new BybitBatchResult { List = acks }, new BybitExtInfo { List = statuses });
    }

    /// <summary>One order of a batch, placed and its messages pushed.</summary>
    private VenueReply<BybitOrderAck> PlaceInBatch(BybitOrderRequest order)
    {
        _inRequest = true;
        try
        {
            VenueReply<BybitOrderAck> reply = PlaceOne(order);
            Flush(position: reply.RetCode == 0);
            return reply;
        }
        finally
        {
            _inRequest = false;
            EnforceReduceOnly();
        }
    }

    /// <summary>POST /v5/order/amend: new price and/or total quantity of an open order.</summary>
    public VenueReply<BybitOrderAck> Amend(BybitAmendRequest request)
    {
        _inRequest = true;
        try
        {
            if (Check(request.Category, request.Symbol) is { } invalid)
            {
                return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, invalid);
            }

            if (request.TriggerPrice is not null || request.TakeProfit is not null || request.StopLoss is not null || request.OrderIv is not null
                || request.TpLimitPrice is not null || request.SlLimitPrice is not null)
            {
                return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, VenueErrors.Params("conditional and TP/SL orders are not served by this venue"));
            }

            if (Find(request.OrderId, request.OrderLinkId) is not { IsOpen: true, MarketId: > 0 } order)
            {
                return VenueReply<BybitOrderAck>.Error(VenueErrors.OrderNotExists, VenueErrors.OrderNotExistsMessage);
            }

            long priceTicks = order.PriceTicks;
            if (request.Price is { } price)
            {
                if (ToTicks(price) is not { } ticks)
                {
                    return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, VenueErrors.Params($"price {price} is not a positive multiple of the tick size {_tick}"));
                }

                priceTicks = ticks;
            }

            long qtyLots = order.QtyLots;
            if (request.Qty is { } qty)
            {
                if (ToLots(qty) is not { } lots)
                {
                    return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, VenueErrors.Params($"qty {qty} is not a positive multiple of the qty step {_lot}"));
                }

                qtyLots = lots;
            }

            if (priceTicks == order.PriceTicks && qtyLots == order.QtyLots)
            {
                return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, "The order remains unchanged as the parameters entered match the existing ones.");
            }

            if (qtyLots <= order.FilledLots)
            {
                return VenueReply<BybitOrderAck>.Error(VenueErrors.QtyBelowFilled, VenueErrors.QtyBelowFilledMessage);
            }

            if (order.ReduceOnly)
            {
                qtyLots = Math.Min(qtyLots, order.FilledLots + ReduceOnlyRoom(order.Side, order));
                if (qtyLots <= order.FilledLots)
                {
                    return VenueReply<BybitOrderAck>.Error(VenueErrors.ReduceOnlyRule, VenueErrors.ReduceOnlyRuleMessage);
                }
            }
            else if (!MarginAllows(priceTicks, qtyLots - order.FilledLots, except: order))
            {
                return VenueReply<BybitOrderAck>.Error(VenueErrors.InsufficientBalance, VenueErrors.InsufficientBalanceMessage);
            }

            (long oldPrice, long oldQty) = (order.PriceTicks, order.QtyLots);
            order.PriceTicks = priceTicks;
            order.QtyLots = qtyLots;
            Call(MarketAction.Amend, order, () => _market.Amend(order.MarketId, priceTicks, qtyLots - order.FilledLots));
            if (_lastRefusal != OrderRejectReason.None)
            {
                (order.PriceTicks, order.QtyLots) = (oldPrice, oldQty);
                return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, _lastRefusal == OrderRejectReason.PostOnlyWouldCross
                    ? VenueErrors.Params("a post-only order would take liquidity at the new price")
                    : VenueErrors.Params($"amend refused: {_lastRefusal}"));
            }

            Flush(position: true);
            return VenueReply<BybitOrderAck>.Ok(Ack(order));
        }
        finally
        {
            _inRequest = false;
            EnforceReduceOnly();
        }
    }

    /// <summary>POST /v5/order/cancel.</summary>
    public VenueReply<BybitOrderAck> Cancel(BybitCancelRequest request)
    {
        _inRequest = true;
        try
        {
            if (Check(request.Category, request.Symbol) is { } invalid)
            {
                return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, invalid);
            }

            if (Find(request.OrderId, request.OrderLinkId) is not { IsOpen: true, MarketId: > 0 } order)
            {
                return VenueReply<BybitOrderAck>.Error(VenueErrors.OrderNotExists, VenueErrors.OrderNotExistsMessage);
            }

            CancelInMarket(order, BybitCancelType.CancelByUser);
            Flush(position: true);
            return VenueReply<BybitOrderAck>.Ok(Ack(order));
        }
        finally
        {
            _inRequest = false;
            EnforceReduceOnly();
        }
    }

    /// <summary>Cancels every open order of this instrument (cancel-all); returns their acks.</summary>
    public List<BybitOrderAck> CancelEverything()
    {
        var cancelled = new List<BybitOrderAck>();
        _inRequest = true;
        try
        {
            foreach (VenueOrder order in _open.Where(o => o.MarketId > 0).ToList())
            {
                CancelInMarket(order, BybitCancelType.CancelByUser);
                cancelled.Add(Ack(order));
            }

            Flush(position: true);
        }
        finally
        {
            _inRequest = false;
        }

        return cancelled;
    }

    /// <summary>Every order of this instrument, oldest first.</summary>
    public IReadOnlyList<VenueOrder> AllOrders => _orders;

    /// <summary>The venue's clock (ms since the epoch).</summary>
    public long NowMs => _clock.NowMs;

    /// <summary>Whether a query by symbol, base coin or settle coin covers this instrument.</summary>
    public bool Listed(string? symbol, string? baseCoin, string? settleCoin) =>
        symbol is not null ? symbol == Symbol : baseCoin is not null ? Symbol == baseCoin + SettleCoin : settleCoin == SettleCoin;

    /// <summary>The venue's own view for tests and acceptance checks (GET /venue/state).</summary>
    public VenueState State() => new()
    {
        Symbol = Symbol,
        Position = _account.Position,
        AverageEntryPrice = _account.AverageEntry,
        Cash = _account.Cash,
        WalletBalance = _ledger.WalletBalance,
        ClosedPnl = _account.ClosedPnl,
        Fees = _account.Fees,
        MarkPrice = MarkPrice,
        OpenOrders = [.. Enumerable.Reverse(_open).Select(o => OrderRecord(o, stream: false))],
        Orders = _orders.Count,
        Executions = [.. _executions.Select(RestExecution)],
    };

    /// <summary>The market's step: the clients' fills and order changes; public trades go to the tape.</summary>
    public void OnStep(ReadOnlySpan<VenueMarketEvent> events, double time)
    {
        long now = _clock.MsAt(time);
        bool fills = false;
        foreach (ref readonly VenueMarketEvent e in events)
        {
            fills |= e.Kind == VenueMarketEventKind.Fill;
        }

        long sequence = fills ? ++_sequence : _sequence;
        foreach (ref readonly VenueMarketEvent e in events)
        {
            if (e.Kind == VenueMarketEventKind.PublicTrade)
            {
                _tape.OnTrade(now, e.Side, e.Price, e.Size);
                continue;
            }

            if (e.Kind == VenueMarketEventKind.Rejected)
            {
                _lastRefusal = e.RejectReason;
            }

            if (_action == MarketAction.Submit && _subject is { MarketId: 0 } entering && e.Kind is VenueMarketEventKind.Accepted or VenueMarketEventKind.Rejected)
            {
                entering.MarketId = e.OrderId;
                _byMarketId[e.OrderId] = entering;
            }

            if (!_byMarketId.TryGetValue(e.OrderId, out VenueOrder? order))
            {
                continue;
            }

            switch (e.Kind)
            {
                case VenueMarketEventKind.Accepted:
                    order.PriceTicks = e.Price;
                    break;
                case VenueMarketEventKind.Fill:
                    Fill(order, e, now, sequence);
                    break;
                case VenueMarketEventKind.Done:
                    order.Status = BybitOrderStatus.Cancelled;
                    (order.CancelType, order.RejectReason) = e.CancelReason switch
                    {
                        CancelReason.Requested => (order.CancelType == BybitCancelType.Unknown ? BybitCancelType.CancelByUser : order.CancelType, BybitRejectReason.NoError),
                        CancelReason.SelfTradePrevention => (BybitCancelType.CancelBySmp, BybitRejectReason.NoError),
                        _ => (BybitCancelType.Unknown, order.TimeInForce == BybitTimeInForce.FillOrKill ? BybitRejectReason.CancelForNoFullFill : BybitRejectReason.NoImmediateQtyToFill),
                    };
                    Leave(order, now);
                    break;
                case VenueMarketEventKind.Rejected when _action == MarketAction.Submit && order == _subject:
                    order.Status = BybitOrderStatus.Cancelled;
                    order.RejectReason = e.RejectReason switch
                    {
                        OrderRejectReason.PostOnlyWouldCross => BybitRejectReason.PostOnlyWillTakeLiquidity,
                        OrderRejectReason.FillOrKillNotFillable => BybitRejectReason.CancelForNoFullFill,
                        _ => BybitRejectReason.Others,
                    };
                    Leave(order, now);
                    break;
                case VenueMarketEventKind.Amended:
                    order.UpdatedTime = now;
                    Changed(order);
                    break;
            }
        }

        if (!_inRequest)
        {
            Flush(position: false);
            _checkReduceOnly |= fills;
        }
    }

    /// <summary>Trims or cancels resting reduce-only orders that the position no longer covers (after the market call that changed it).</summary>
    public void EnforceReduceOnly()
    {
        if (!_checkReduceOnly)
        {
            return;
        }

        _checkReduceOnly = false;
        bool wasInRequest = _inRequest;
        _inRequest = true;
        foreach (VenueOrder order in Enumerable.Reverse(_open).Where(o => o.ReduceOnly && o.MarketId > 0).ToList())
        {
            // Newest first: each order's room counts the older ones already closing the position.
            long room = ReduceOnlyRoom(order.Side, order);
            if (order.LeavesLots <= room)
            {
                continue;
            }

            if (room <= 0)
            {
                CancelInMarket(order, BybitCancelType.CancelByReduceOnly);
            }
            else
            {
                order.QtyLots = order.FilledLots + room;
                Call(MarketAction.Amend, order, () => _market.Amend(order.MarketId, order.PriceTicks, room));
            }
        }

        _inRequest = wasInRequest;
        Flush(position: false);
    }

    private VenueReply<BybitOrderAck> PlaceOne(BybitOrderRequest request)
    {
        if (request.Symbol != Symbol)
        {
            return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, VenueErrors.Params($"symbol invalid: this venue lists {_ledger.Listing} only"));
        }

        if (request.TriggerPrice is not null || request.TakeProfit is not null || request.StopLoss is not null || request.TpslMode is not null
            || request.TpLimitPrice is not null || request.SlLimitPrice is not null || request.OrderIv is not null || request.CloseOnTrigger == true)
        {
            return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, VenueErrors.Params("conditional, TP/SL and close-on-trigger orders are not served by this venue"));
        }

        if (request.PositionIdx is { } index && index != 0)
        {
            return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, VenueErrors.Params("position idx not match position mode"));
        }

        string linkId = request.OrderLinkId ?? "";
        if (linkId.Length > 36 || !linkId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, VenueErrors.Params("orderLinkId: at most 36 letters, digits, - and _"));
        }

        if (linkId.Length > 0 && _byLinkId.ContainsKey(linkId))
        {
            return VenueReply<BybitOrderAck>.Error(VenueErrors.DuplicateOrderLinkId, VenueErrors.DuplicateOrderLinkIdMessage);
        }

        if (ToLots(request.Qty) is not { } lots)
        {
            return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, VenueErrors.Params($"qty {request.Qty} is not a positive multiple of the qty step {_lot}"));
        }

        bool market = request.OrderType == BybitOrderType.Market;
        if (!market && request.OrderType != BybitOrderType.Limit)
        {
            return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, VenueErrors.Params("orderType must be Market or Limit"));
        }

        long priceTicks = 0;
        if (!market)
        {
            if (request.Price is not { } price || ToTicks(price) is not { } ticks)
            {
                return VenueReply<BybitOrderAck>.Error(VenueErrors.ParamsError, VenueErrors.Params($"a limit order needs a price that is a positive multiple of the tick size {_tick}"));
            }

            priceTicks = ticks;
        }

        BybitTimeInForce timeInForce = market ? BybitTimeInForce.ImmediateOrCancel : request.TimeInForce ?? BybitTimeInForce.GoodTillCancel;
        if (timeInForce == BybitTimeInForce.RetailPriceImprovement)
        {
            return VenueReply<BybitOrderAck>.Error(VenueErrors.RpiNotAllowed, VenueErrors.RpiNotAllowedMessage);
        }

        if (_open.Count >= MaxOpenOrders)
        {
            return VenueReply<BybitOrderAck>.Error(VenueErrors.TooManyOpenOrders, VenueErrors.TooManyOpenOrdersMessage);
        }

        bool reduceOnly = request.ReduceOnly == true;
        if (!reduceOnly && lots * _lot * (market ? _market.LastTradeTicks : priceTicks) * _tick < MinNotional)
        {
            return VenueReply<BybitOrderAck>.Error(VenueErrors.NotionalTooSmall, VenueErrors.NotionalTooSmallMessage);
        }

        if (reduceOnly)
        {
            long room = ReduceOnlyRoom(request.Side, null);
            if (room <= 0)
            {
                return VenueReply<BybitOrderAck>.Error(VenueErrors.ReduceOnlyRule, VenueErrors.ReduceOnlyRuleMessage);
            }

            lots = Math.Min(lots, room); // trimmed to what the position leaves, as Bybit does
        }
        else if (!MarginAllows(market ? _market.LastTradeTicks : priceTicks, lots, except: null))
        {
            return VenueReply<BybitOrderAck>.Error(VenueErrors.InsufficientBalance, VenueErrors.InsufficientBalanceMessage);
        }

        long create = _creates++;
        if (_faults.Strikes(FaultKind.RejectOrder, 0, create) && _faults.Rule(FaultKind.RejectOrder) is { } rule)
        {
            _faults.Record(FaultKind.RejectOrder, $"order {linkId} ({request.Side} {request.Qty} @ {request.Price}) refused{(rule.Code != 0 ? $" with retCode {rule.Code}" : " on the order stream")}");
            if (rule.Code != 0)
            {
                return VenueReply<BybitOrderAck>.Error(rule.Code, "order rejected (venue fault injection)");
            }
        }
        else
        {
            rule = null;
        }

        long now = _clock.NowMs;
        var order = new VenueOrder
        {
            OrderId = _ledger.OrderIds.Next(),
            Number = _ledger.NextOrderNumber(),
            OrderLinkId = linkId,
            Side = request.Side,
            Type = request.OrderType,
            TimeInForce = timeInForce,
            PriceTicks = priceTicks,
            QtyLots = lots,
            ReduceOnly = reduceOnly,
            LastPriceOnCreated = _market.LastTradeTicks * _tick,
            CreatedTime = now,
            UpdatedTime = now,
        };
        _byId[order.OrderId] = order;
        if (linkId.Length > 0)
        {
            _byLinkId[linkId] = order;
        }

        _orders.Add(order);
        if (rule is not null)
        {
            order.Status = BybitOrderStatus.Rejected;
            order.RejectReason = BybitRejectReason.Others;
            Changed(order);
            return VenueReply<BybitOrderAck>.Ok(Ack(order));
        }

        OrderType type = market ? OrderType.Market : timeInForce switch
        {
            BybitTimeInForce.ImmediateOrCancel => OrderType.ImmediateOrCancel,
            BybitTimeInForce.FillOrKill => OrderType.FillOrKill,
            BybitTimeInForce.PostOnly => OrderType.PostOnly,
            _ => OrderType.Limit,
        };
        Changed(order);
        _open.Add(order);
        Call(MarketAction.Submit, order, () => _market.Submit(order.Side, type, priceTicks, lots));
        return VenueReply<BybitOrderAck>.Ok(Ack(order));
    }

    /// <summary>Runs one market call about <paramref name="order"/>, so its events can be told apart and a refusal read afterwards.</summary>
    private void Call(MarketAction action, VenueOrder order, Action call)
    {
        (_action, _subject, _lastRefusal) = (action, order, OrderRejectReason.None);
        try
        {
            call();
        }
        finally
        {
            (_action, _subject) = (MarketAction.None, null);
        }
    }

    private void Fill(VenueOrder order, in VenueMarketEvent e, long now, long sequence)
    {
        decimal price = e.Price * _tick;
        decimal quantity = e.Size * _lot;
        decimal rate = e.IsMaker ? _settings.MakerFeeRate : _settings.TakerFeeRate;
        decimal fee = quantity * price * rate;
        order.FilledLots += e.Size;
        order.CumValue += quantity * price;
        order.CumFee += fee;
        order.Status = order.FilledLots >= order.QtyLots ? BybitOrderStatus.Filled : BybitOrderStatus.PartiallyFilled;
        order.UpdatedTime = now;
        (decimal closed, decimal pnl) = _account.Apply(order.Side, quantity, price, fee);
        order.ClosedPnl += pnl;
        _account.Sequence = sequence;
        _account.UpdatedTime = now;
        if (_positionCreated == 0)
        {
            _positionCreated = now;
        }

        var execution = new BybitExecution
        {
            Category = Category,
            Symbol = Symbol,
            ClosedSize = closed,
            ExecFee = fee,
            ExecId = _ledger.ExecutionIds.Next(),
            ExecPrice = price,
            ExecQty = quantity,
            ExecType = BybitExecType.Trade,
            ExecValue = quantity * price,
            FeeRate = rate,
            TradeIv = "",
            MarkIv = "",
            BlockTradeId = "",
            MarkPrice = MarkPrice,
            IndexPrice = "",
            UnderlyingPrice = "",
            LeavesQty = (order.QtyLots - order.FilledLots) * _lot,
            OrderId = order.OrderId,
            OrderLinkId = order.OrderLinkId,
            OrderPrice = order.PriceTicks * _tick,
            OrderQty = order.QtyLots * _lot,
            OrderType = order.Type,
            StopOrderType = "UNKNOWN",
            Side = order.Side,
            ExecTime = now,
            IsLeverage = "0",
            IsMaker = e.IsMaker,
            Seq = sequence,
            MarketUnit = "",
            ExecPnl = pnl,
            CreateType = "CreateByUser",
            FeeCurrency = SettleCoin,
        };
        _executions.Add(execution);
        _ledger.Executions.Add(execution);
        _newFills.Add(execution);
        _positionChanged = true;
        _walletChanged = true;
        Changed(order);
        if (order.Status == BybitOrderStatus.Filled)
        {
            _byMarketId.Remove(order.MarketId);
            _open.Remove(order);
        }
    }

    private void Leave(VenueOrder order, long now)
    {
        order.UpdatedTime = now;
        _byMarketId.Remove(order.MarketId);
        _open.Remove(order);
        Changed(order);
    }

    private void CancelInMarket(VenueOrder order, BybitCancelType type)
    {
        order.CancelType = type;
        Call(MarketAction.Cancel, order, () => _market.Cancel(order.MarketId));
    }

    private void Changed(VenueOrder order)
    {
        if (!_changed.Contains(order))
        {
            _changed.Add(order);
        }
    }

    /// <summary>
    /// Pushes the step's private messages: fills, orders, then position and wallet when they changed
    /// (the position after every create, amend and cancel, as Bybit does; the wallet on a fill, and
    /// when an order placed, amended, cancelled or ended changed the orders' margin, totalOrderIM and
    /// so totalAvailableBalance: docs/v5/websocket/private/wallet.mdx pushes every change but the
    /// unrealised PnL's); none is made for nobody.
    /// </summary>
    private void Flush(bool position)
    {
        long now = _clock.NowMs;

        // Only an order that changed or filled moves the orders' margin: a flush with neither sums nothing.
        if ((_changed.Count > 0 || _newFills.Count > 0) && _ledger.OrderMargin(null) is var orderMargin && orderMargin != _ledger.WalletOrderMargin)
        {
            _ledger.WalletOrderMargin = orderMargin;
            _walletChanged = true;
        }

        if (_newFills.Count > 0 && _output.Wants("execution"))
        {
            Publish("execution", new BybitStreamMessage<BybitExecution> { Id = $"{_settings.Seed}_{Symbol}_{_sequence}", Topic = "execution", CreationTime = now, Data = [.. _newFills] }, Json.BybitStreamMessageBybitExecution);
        }

        if (_changed.Count > 0 && _output.Wants("order"))
        {
            Publish("order", new BybitStreamMessage<BybitOrder> { Id = MessageId(), Topic = "order", CreationTime = now, Data = [.. _changed.Select(o => OrderRecord(o, stream: true))] }, Json.BybitStreamMessageBybitOrder);
        }

        if ((position || _positionChanged) && _output.Wants("position"))
        {
            Publish("position", new BybitStreamMessage<BybitPosition> { Id = MessageId(), Topic = "position", CreationTime = now, Data = [PositionRecord(stream: true)] }, Json.BybitStreamMessageBybitPosition);
        }

        if (_walletChanged && _output.Wants("wallet"))
        {
            Publish("wallet", new BybitStreamMessage<BybitWallet> { Id = MessageId(), Topic = "wallet", CreationTime = now, Data = [WalletRecord(usdt: true)] }, Json.BybitStreamMessageBybitWallet);
        }

        _newFills.Clear();
        _changed.Clear();
        (_positionChanged, _walletChanged) = (false, false);
    }

    private void Publish<T>(string topic, T message, JsonTypeInfo<T> type) => _output.Publish(topic, JsonSerializer.SerializeToUtf8Bytes(message, type));

    private string MessageId() => _ledger.NextMessageId();

    /// <summary>Lots a reduce-only order of <paramref name="side"/> may still have open: the position it closes, less the other reduce-only orders already closing it.</summary>
    private long ReduceOnlyRoom(Side side, VenueOrder? except)
    {
        long position = (long)(_account.Position / _lot);
        bool closes = side == Side.Buy ? position < 0 : position > 0;
        if (!closes)
        {
            return 0;
        }

        long taken = _open.Where(o => o.ReduceOnly && o.Side == side && o != except).Sum(o => o.LeavesLots);
        return Math.Abs(position) - taken;
    }

    /// <summary>
    /// Whether the available balance (wallet + unrealised − the position's initial margin) covers the
    /// initial margin of the open orders and <paramref name="lots"/> more at <paramref name="priceTicks"/>
    /// (a market order at the last trade), each notional / leverage.
    /// </summary>
    private bool MarginAllows(long priceTicks, long lots, VenueOrder? except)
    {
        decimal orderMargin = _ledger.OrderMargin(except) + (lots * _lot * priceTicks * _tick / _settings.Leverage);
        decimal available = _ledger.WalletBalance + _ledger.UnrealisedPnl - _ledger.PositionMargin;
        return orderMargin <= available;
    }

    /// <summary>Σ notional of this instrument's open orders that are not reduce-only, leaving out <paramref name="except"/>.</summary>
    public decimal OrderNotional(VenueOrder? except) =>
        _open.Where(o => !o.ReduceOnly && o != except).Sum(o => o.LeavesLots * _lot * o.PriceTicks * _tick);

    public VenueOrder? Find(string? orderId, string? orderLinkId) =>
        orderId is not null ? _byId.GetValueOrDefault(orderId)
        : orderLinkId is not null ? _byLinkId.GetValueOrDefault(orderLinkId)
        : null;

    private string? Check(string category, string symbol) =>
        category != Category ? VenueErrors.Params($"category must be {Category} on this venue")
        : symbol != Symbol ? VenueErrors.Params($"symbol invalid: this venue lists {_ledger.Listing} only")
        : null;

    private long? ToTicks(decimal price) => price > 0 && price % _tick == 0 ? (long)(price / _tick) : null;

    private long? ToLots(decimal quantity) => quantity > 0 && quantity % _lot == 0 ? (long)(quantity / _lot) : null;

    private static BybitOrderAck Ack(VenueOrder order) => new() { OrderId = order.OrderId, OrderLinkId = order.OrderLinkId };

    public static BybitPage<T> Page<T>(IEnumerable<T> items, int? limit, int defaultLimit, int maxLimit, string? cursor)
    {
        int size = Math.Clamp(limit ?? defaultLimit, 1, maxLimit);
        int offset = cursor is not null && int.TryParse(cursor, NumberStyles.Integer, CultureInfo.InvariantCulture, out int c) && c > 0 ? c : 0;
        List<T> page = [.. items.Skip(offset).Take(size + 1)];
        bool more = page.Count > size;
        if (more)
        {
            page.RemoveAt(size);
        }

        return new BybitPage<T> { Category = Category, List = page, NextPageCursor = more ? (offset + size).ToString(CultureInfo.InvariantCulture) : "" };
    }

    /// <summary>An order as GET /v5/order/history shows it: the REST record and the fields only the history has.</summary>
    public BybitOrder HistoryRecord(VenueOrder order) => OrderRecord(order, stream: false) with
    {
        SlippageToleranceType = "UNKNOWN",
        SlippageTolerance = "",
        ExtraFees = "",
        RpiTakerAccess = false,
        RpiMatchedQty = 0m,
    };

    public BybitOrder OrderRecord(VenueOrder order, bool stream)
    {
        decimal price = order.PriceTicks * _tick;
        decimal leaves = order.LeavesLots * _lot;
        return new BybitOrder
        {
            OrderId = order.OrderId,
            OrderLinkId = order.OrderLinkId,
            BlockTradeId = "",
            Symbol = Symbol,
            Price = price,
            Qty = order.QtyLots * _lot,
            Side = order.Side,
            IsLeverage = stream ? null : "",
            PositionIdx = 0,
            OrderStatus = order.Status,
            CancelType = order.CancelType,
            RejectReason = order.RejectReason,
            AvgPrice = order.FilledLots > 0 ? Math.Round(order.CumValue / (order.FilledLots * _lot), MoneyDecimals) : null,
            LeavesQty = leaves,
            LeavesValue = leaves * price,
            CumExecQty = order.FilledLots * _lot,
            CumExecValue = order.CumValue,
            CumExecFee = order.CumFee,
            TimeInForce = order.TimeInForce,
            OrderType = order.Type,
            StopOrderType = stream ? "" : "UNKNOWN",
            OrderIv = "",
            TriggerPrice = null,
            TakeProfit = null,
            StopLoss = null,
            TpTriggerBy = "",
            SlTriggerBy = "",
            TriggerDirection = 0,
            TriggerBy = "",
            LastPriceOnCreated = order.LastPriceOnCreated,
            ReduceOnly = order.ReduceOnly,
            CloseOnTrigger = false,
            SmpType = "None",
            SmpGroup = 0,
            SmpOrderId = "",
            TpslMode = "",
            TpLimitPrice = null,
            SlLimitPrice = null,
            PlaceType = "",
            CreatedTime = order.CreatedTime,
            UpdatedTime = order.UpdatedTime,
            CumFeeDetail = new Dictionary<string, decimal> { [SettleCoin] = order.CumFee },
            Category = stream ? Category : null,
            ClosedPnl = stream ? order.ClosedPnl : null,
            FeeCurrency = stream ? "" : null,
            RpiTakerAccess = stream ? false : null,
            RpiMatchedQty = stream ? 0m : null,
        };
    }

    public static BybitExecution RestExecution(BybitExecution execution) =>
        execution with { Category = null, ExecPnl = null, IsLeverage = null, MarketUnit = null, CreateType = null };

    public BybitPosition PositionRecord(bool stream)
    {
        decimal mark = MarkPrice;
        decimal size = Math.Abs(_account.Position);
        decimal entry = _account.AverageEntry;
        decimal notional = size * mark;
        decimal im = Math.Round(notional / _settings.Leverage, MoneyDecimals);
        decimal mm = Math.Round(notional * MaintenanceRate, MoneyDecimals);
        decimal? breakEven = size == 0 ? null
            : Math.Round(((entry * _account.Position) - _account.CurrentRealised) / (_account.Position - (size * Math.Max(_settings.TakerFeeRate, 0.00055m))), MoneyDecimals);
        long now = _account.UpdatedTime == 0 ? _clock.NowMs : _account.UpdatedTime;
        return new BybitPosition
        {
            PositionIdx = 0,
            RiskId = 1,
            RiskLimitValue = 2_000_000m,
            Symbol = Symbol,
            Side = _account.Position > 0 ? Side.Buy : _account.Position < 0 ? Side.Sell : null,
            Size = size,
            AvgPrice = stream ? null : Math.Round(entry, MoneyDecimals),
            EntryPrice = stream ? Math.Round(entry, MoneyDecimals) : null,
            PositionValue = Math.Round(size * entry, MoneyDecimals),
            TradeMode = 0,
            PositionStatus = "Normal",
            AutoAddMargin = 0,
            AdlRankIndicator = size == 0 ? 0 : 2,
            Leverage = _settings.Leverage,
            BreakEvenPrice = breakEven,
            PositionBalance = im,
            MarkPrice = mark,
            LiqPrice = null,
            BustPrice = null,
            PositionMM = mm,
            PositionMMByMp = mm,
            PositionIM = im,
            PositionIMByMp = im,
            TpslMode = "Full",
            TakeProfit = 0m,
            StopLoss = 0m,
            TrailingStop = 0m,
            UnrealisedPnl = Math.Round(_account.UnrealisedPnl(mark), MoneyDecimals),
            CurRealisedPnl = _account.CurrentRealised,
            CumRealisedPnl = _account.CumulativeRealised,
            Seq = _account.Sequence,
            IsReduceOnly = false,
            MmrSysUpdateTime = stream ? null : "",
            MmrSysUpdatedTime = stream ? "" : null,
            LeverageSysUpdatedTime = "",
            SessionAvgPrice = null,
            CreatedTime = _positionCreated == 0 ? now : _positionCreated,
            UpdatedTime = now,
            Category = stream ? Category : null,
        };
    }

    public BybitWallet WalletRecord(bool usdt)
    {
        // The whole account: every instrument's position and orders.
        decimal upl = Math.Round(_ledger.UnrealisedPnl, MoneyDecimals);
        decimal wallet = _ledger.WalletBalance;
        decimal equity = wallet + upl;
        decimal positionIm = Math.Round(_ledger.PositionMargin, MoneyDecimals);
        decimal orderIm = Math.Round(_ledger.OrderMargin(null), MoneyDecimals);
        decimal mm = Math.Round(_ledger.MaintenanceNotional * MaintenanceRate, MoneyDecimals);
        decimal imRate = equity > 0 ? Math.Round((positionIm + orderIm) / equity, 4) : 0;
        decimal mmRate = equity > 0 ? Math.Round(mm / equity, 4) : 0;
        return new BybitWallet
        {
            AccountType = "UNIFIED",
            AccountIMRate = imRate,
            AccountMMRate = mmRate,
            TotalEquity = equity,
            TotalWalletBalance = wallet,
            TotalMarginBalance = equity,
            TotalAvailableBalance = equity - positionIm - orderIm,
            TotalPerpUPL = upl,
            TotalInitialMargin = positionIm + orderIm,
            TotalMaintenanceMargin = mm,
            AccountIMRateByMp = imRate,
            AccountMMRateByMp = mmRate,
            TotalInitialMarginByMp = positionIm + orderIm,
            TotalMaintenanceMarginByMp = mm,
            AccountLTV = 0m,
            Coin = !usdt ? [] :
            [
                new BybitCoinBalance
                {
                    Coin = SettleCoin,
                    Equity = equity,
                    UsdValue = equity,
                    WalletBalance = wallet,
                    AvailableToWithdraw = null,
                    AvailableToBorrow = null,
                    BorrowAmount = 0m,
                    AccruedInterest = 0m,
                    TotalOrderIM = orderIm,
                    TotalPositionIM = positionIm,
                    TotalPositionMM = mm,
                    UnrealisedPnl = upl,
                    CumRealisedPnl = _ledger.CumulativeRealised,
                    Bonus = 0m,
                    CollateralSwitch = true,
                    MarginCollateral = true,
                    ColRes = "0",
                    Locked = 0m,
                    SpotHedgingQty = 0m,
                    SpotBorrow = 0m,
                },
            ],
        };
    }

    private enum MarketAction
    {
        None,
        Submit,
        Amend,
        Cancel,
    }
}
