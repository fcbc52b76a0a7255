using System.Runtime.CompilerServices;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Trading.Accounting;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Bybit;

/// <summary>
/// Bybit V5 as a venue, one code path for mainnet, demo, testnet and a local venue
/// (<see cref="BybitEnvironment"/>): public data over the existing market feed, orders over the
/// signed REST client or the WebSocket order entry (create, amend and cancel; cancel-all has no
/// WebSocket form and stays on REST), updates from the private stream (<c>order</c>, <c>execution</c>), and the
/// reconciliation queries (open orders, position, executions). Linear contracts. A refusal, a
/// timeout or a 5xx is an <see cref="OrderReply"/> outcome, never an exception; a create refused
/// as a duplicate orderLinkId means an earlier attempt got through, so it counts as accepted.
/// </summary>
public sealed class BybitVenue : IVenue
{
    private const string Category = "linear";
    private const long NanosPerMilli = 1_000_000;
    private const long MinuteMs = 60_000;
    private const long WeekMs = 7 * 24 * 60 * MinuteMs;
    private const long KeptMs = 730 * 24 * 60 * MinuteMs; // Bybit's execution history: two years

    // Bybit's retCode for an orderLinkId already used (docs/v5/error.mdx).
    private const int DuplicateLinkId = 110072;

    private readonly BybitEnvironment _environment;
    private readonly BybitCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly BybitTradingClient _client;
    private readonly BybitTradeSocket? _socket;
    private readonly BybitPublicData _public;
    private VenueInstrument? _instrument;

    /// <param name="environment">Mainnet, demo, testnet or local.</param>
    /// <param name="credentials">The API key and secret (never logged).</param>
    /// <param name="requestTimeout">How long an order request waits before its outcome is unknown.</param>
    /// <param name="time">The local clock.</param>
    /// <param name="httpClient">The HTTP client order requests go through (a measuring or shared one); null: its own.</param>
    /// <param name="orderEntry">REST, or the WebSocket order entry (an <see cref="InvalidParameterException"/> where the environment has none).</param>
    /// <param name="sending">With WebSocket order entry, called with each order request's bytes as they go to the socket (a measurement's hook).</param>
    public BybitVenue(BybitEnvironment environment, BybitCredentials credentials, TimeSpan? requestTimeout = null, TimeProvider? time = null, HttpClient? httpClient = null,
        BybitOrderEntry orderEntry = BybitOrderEntry.Rest, Action<ReadOnlyMemory<byte>>? sending = null)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _time = time ?? TimeProvider.System;
        var options = new BybitTradingOptions { Environment = environment, TimeProvider = _time, Timeout = requestTimeout ?? TimeSpan.FromSeconds(5) };
        _client = new BybitTradingClient(credentials, options, httpClient);
        _socket = orderEntry == BybitOrderEntry.WebSocket ? new BybitTradeSocket(credentials, options, () => _client.ClockOffset) { Sending = sending } : null;
        _public = new BybitPublicData(environment.Name, environment.RestBaseUrl, environment.PublicStreamBaseUrl, _time);
    }

    public string Name => _environment.Name;

    public VenueIdentity Identity => new(Paper: false, _environment.Name, _environment.RestBaseUrl.ToString());

    public bool SupportsAmend => true;

    /// <summary>The public data source behind it (the same as paper trading on this environment uses).</summary>
    public IMarketDataSource PublicData => _public;

    public async Task<VenueInstrument> ConnectAsync(string symbol, CancellationToken cancellationToken)
    {
        _instrument = await _public.InstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
        try
        {
            // Timestamps follow the venue's clock (the session still stops if the drift exceeds the receive window).
            await _client.SynchronizeClockAsync(cancellationToken).ConfigureAwait(false);
            await _client.GetPositionsAsync(new BybitPositionQuery(Category, symbol), cancellationToken).ConfigureAwait(false);
        }
        catch (BybitApiException e)
        {
            throw new TradingException($"{Name} refused the account: {e.Message}", e);
        }

        return _instrument;
    }

    public IAsyncEnumerable<BybitFeedMessage> MarketDataAsync(CancellationToken cancellationToken) =>
        _public.StreamAsync(Instrument, cancellationToken);

    public async IAsyncEnumerable<PrivateUpdate> PrivateUpdatesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = new BybitPrivateStream(_credentials, new BybitPrivateStreamOptions
        {
            Url = _environment.PrivateStream,
            Topics = ["order", "execution"],
            ClockOffset = _client.ClockOffset,
            Connection = new BybitFeedOptions { TimeProvider = _time, KeepRaw = false, ReceiveTimeout = TimeSpan.FromSeconds(10), ReconnectDelay = TimeSpan.FromMilliseconds(200), MaxReconnectDelay = TimeSpan.FromSeconds(5) },
        });
        string symbol = Instrument.Instrument.Symbol;
        await foreach (BybitPrivateMessage message in stream.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (message.Kind)
            {
                case BybitPrivateMessageKind.Connected:
                    yield return new StreamStatus(true, message.Detail) { ReceivedAt = message.LocalTime };
                    break;
                case BybitPrivateMessageKind.Disconnected:
                    yield return new StreamStatus(false, message.Detail) { ReceivedAt = message.LocalTime };
                    break;
                case BybitPrivateMessageKind.Order:
                    // By index: a foreach over the interface boxes an enumerator per message.
                    for (int i = 0; i < message.Orders.Count; i++)
                    {
                        BybitOrder order = message.Orders[i];
                        if (order.Symbol == symbol)
                        {
                            yield return Update(order, message.LocalTime);
                        }
                    }

                    break;
                case BybitPrivateMessageKind.Execution:
                    for (int i = 0; i < message.Executions.Count; i++)
                    {
                        BybitExecution execution = message.Executions[i];
                        if (execution.Symbol == symbol && MovesPosition(execution))
                        {
                            yield return Execution(execution, message.LocalTime);
                        }
                    }

                    break;
            }
        }
    }

    public void Observe(BybitFeedMessage message, List<PrivateUpdate> updates)
    {
        // A real venue moves our orders itself.
    }

    public void Tick(long now, List<PrivateUpdate> updates)
    {
        // Time passes at the venue by itself.
    }

    public async ValueTask<OrderReply> SendAsync(OrderCommand command, CancellationToken cancellationToken)
    {
        string symbol = Instrument.Instrument.Symbol;
        try
        {
            switch (command.Kind)
            {
                case OrderCommandKind.Create:
                    var order = new BybitOrderRequest
                        {
                            Category = Category,
                            Symbol = symbol,
                            Side = command.Side,
                            OrderType = command.IsMarket ? BybitOrderType.Market : BybitOrderType.Limit,
                            Qty = command.Quantity,
                            Price = command.IsMarket ? null : command.Price,
                            TimeInForce = command.IsMarket ? BybitTimeInForce.ImmediateOrCancel : command.PostOnly ? BybitTimeInForce.PostOnly : BybitTimeInForce.GoodTillCancel,
                            OrderLinkId = command.LinkId,
                            ReduceOnly = command.ReduceOnly ? true : null,
                        };
                    BybitReply<BybitOrderAck> created = await (_socket is not null ? _socket.PlaceOrderAsync(order, cancellationToken) : _client.PlaceOrderAsync(order, cancellationToken)).ConfigureAwait(false);
                    return Accepted(command, created.Result.OrderId, created.RateLimit, created.ServerTime);
                case OrderCommandKind.Amend:
                    var amend = new BybitAmendRequest { Category = Category, Symbol = symbol, OrderLinkId = command.LinkId, Qty = command.Quantity, Price = command.Price };
                    BybitReply<BybitOrderAck> amended = await (_socket is not null ? _socket.AmendOrderAsync(amend, cancellationToken) : _client.AmendOrderAsync(amend, cancellationToken)).ConfigureAwait(false);
                    return Accepted(command, amended.Result.OrderId, amended.RateLimit, amended.ServerTime);
                case OrderCommandKind.Cancel:
                    var cancel = new BybitCancelRequest { Category = Category, Symbol = symbol, OrderLinkId = command.LinkId };
                    BybitReply<BybitOrderAck> cancelled = await (_socket is not null ? _socket.CancelOrderAsync(cancel, cancellationToken) : _client.CancelOrderAsync(cancel, cancellationToken)).ConfigureAwait(false);
                    return Accepted(command, cancelled.Result.OrderId, cancelled.RateLimit, cancelled.ServerTime);
                default:
                    BybitReply<BybitCancelAllResult> all = await _client.CancelAllOrdersAsync(new BybitCancelAllRequest { Category = Category, Symbol = symbol }, cancellationToken).ConfigureAwait(false);
                    return Accepted(command, null, all.RateLimit, all.ServerTime);
            }
        }
        catch (BybitApiException e) when (command.Kind == OrderCommandKind.Create && e.Code == DuplicateLinkId)
        {
            // An earlier attempt with this orderLinkId got through: the order exists.
            return new OrderReply(command, ReplyOutcome.Accepted, e.Code.Value, e.ExchangeMessage, null, 0, Now());
        }
        catch (BybitApiException e)
        {
            ReplyOutcome outcome = e.IsRateLimit ? ReplyOutcome.RateLimited : e.Code is >= 500 and < 600 ? ReplyOutcome.Unknown : ReplyOutcome.Rejected;
            return Reply(command, outcome, e.Code ?? -1, e.ExchangeMessage, null, 0, e.RateLimit);
        }
        catch (Exception e) when (e is BybitTimeoutException or BybitConnectionException or HttpRequestException)
        {
            return new OrderReply(command, ReplyOutcome.Unknown, -1, e.Message, null, 0, Now());
        }
    }

    public async Task<VenueSnapshot> SnapshotAsync(long executionsSince, CancellationToken cancellationToken)
    {
        string symbol = Instrument.Instrument.Symbol;
        var open = new List<VenueOrderUpdate>();
        await foreach (BybitOrder order in _client.ReadOrdersAsync(new BybitOrderQuery(Category, symbol) { OpenOnly = 0, Limit = 50 }, cancellationToken).ConfigureAwait(false))
        {
            if (order.OrderStatus.IsOpen())
            {
                open.Add(Update(order));
            }
        }

        List<VenueExecution> executions = await ExecutionsAsync(executionsSince, cancellationToken).ConfigureAwait(false);
        decimal position = await PositionAsync(cancellationToken).ConfigureAwait(false);
        return new VenueSnapshot(open, position, executions, Now());
    }

    public async Task<IReadOnlyList<VenueOrderUpdate>> ClosedOrdersAsync(long since, CancellationToken cancellationToken)
    {
        // Only a start time: the seven days from it, as far as Bybit's history keeps closed orders.
        var query = new BybitOrderHistoryQuery(Category, Instrument.Instrument.Symbol) { StartTime = Math.Max(since, 0) / NanosPerMilli, Limit = 50 };
        var closed = new List<VenueOrderUpdate>();
        await foreach (BybitOrder order in _client.ReadOrderHistoryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (!order.OrderStatus.IsOpen())
            {
                closed.Add(Update(order));
            }
        }

        return closed;
    }

    public async Task<long> ServerTimeAsync(CancellationToken cancellationToken) =>
        (await _client.GetServerTimeAsync(cancellationToken).ConfigureAwait(false)).TimeNano;

    /// <summary>The venue's account is its own: the start's reconciliation compares the journal with it.</summary>
    public void ResumeFrom(JournalState journal)
    {
    }

    public async Task<VenueAccount> AccountAsync(long since, CancellationToken cancellationToken)
    {
        VenueSnapshot snapshot = await SnapshotAsync(since, cancellationToken).ConfigureAwait(false);
        var book = new ExecutionBook();
        foreach (VenueExecution e in snapshot.Executions)
        {
            book.Apply(e.ExecutionId, e.Side, e.Price, e.Quantity, e.Fee, e.ExecutionTime);
        }

        return new VenueAccount(snapshot.Position, book.Cash, snapshot.Executions.Select(e => e.ExecutionId).Distinct().ToList(), snapshot.OpenOrders.Count);
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket is not null)
        {
            await _socket.DisposeAsync().ConfigureAwait(false);
        }

        _client.Dispose();
        _public.Dispose();
    }

    private VenueInstrument Instrument => _instrument ?? throw new InvalidOperationException("connect first");

    private long Now() => (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>
    /// The executions since <paramref name="since"/> (ns), a week at a time: Bybit answers at most seven
    /// days between startTime and endTime (docs/v5/order/execution.mdx; a start alone means the seven
    /// days from it), and a long run's whole history, or a journal resumed after a week, spans more.
    /// No further back than the two years Bybit keeps (a query a week, so at most 105).
    /// </summary>
    private async Task<List<VenueExecution>> ExecutionsAsync(long since, CancellationToken cancellationToken)
    {
        var executions = new List<VenueExecution>();
        long venueNow = _client.Timestamp();
        for (long start = Math.Max(since / NanosPerMilli, venueNow - KeptMs); ; start += WeekMs)
        {
            var query = new BybitExecutionQuery(Category, Instrument.Instrument.Symbol) { StartTime = start, EndTime = start + WeekMs - 1, Limit = 100 };
            await foreach (BybitExecution execution in _client.ReadExecutionsAsync(query, cancellationToken).ConfigureAwait(false))
            {
                if (MovesPosition(execution))
                {
                    executions.Add(Execution(execution));
                }
            }

            if (start + WeekMs > venueNow + MinuteMs)
            {
                break; // this window reaches past the venue's now (and a minute more, for executions stamped as we ask)
            }
        }

        executions.Sort((a, b) => a.ExecutionTime.CompareTo(b.ExecutionTime));
        return executions;
    }

    private async Task<decimal> PositionAsync(CancellationToken cancellationToken)
    {
        BybitReply<BybitPage<BybitPosition>> positions = await _client.GetPositionsAsync(new BybitPositionQuery(Category, Instrument.Instrument.Symbol), cancellationToken).ConfigureAwait(false);
        decimal position = 0;
        foreach (BybitPosition p in positions.Result.List)
        {
            position += p.Side == Side.Sell ? -p.Size : p.Side == Side.Buy ? p.Size : 0;
        }

        return position;
    }

    private OrderReply Accepted(OrderCommand command, string? orderId, BybitRateLimit limit, long serverTime) =>
        Reply(command, ReplyOutcome.Accepted, 0, "OK", string.IsNullOrEmpty(orderId) ? null : orderId, serverTime * NanosPerMilli, limit);

    /// <summary>An answer with what the venue's rate-limit headers said (the limit, what is left, the reset), when it sent them.</summary>
    private OrderReply Reply(OrderCommand command, ReplyOutcome outcome, int code, string message, string? orderId, long exchangeTime, BybitRateLimit limit) =>
        new(command, outcome, code, message, orderId, exchangeTime, Now(), limit.IsKnown ? limit.Remaining : -1, limit.ResetTimestamp * NanosPerMilli, limit.IsKnown ? limit.Limit : -1);

    // Funding changes cash, not the position; every trade kind changes the position.
    private static bool MovesPosition(BybitExecution execution) => execution.ExecType != BybitExecType.Funding;

    /// <summary>The venue's order as the session tracks it; <paramref name="receivedAt"/>: when the stream brought it (0 for a query's answer).</summary>
    private static VenueOrderUpdate Update(BybitOrder order, long receivedAt = 0) => new(
        order.OrderLinkId,
        order.OrderId,
        order.Side,
        order.OrderStatus switch
        {
            BybitOrderStatus.New or BybitOrderStatus.Untriggered or BybitOrderStatus.Triggered => VenueOrderStatus.New,
            BybitOrderStatus.PartiallyFilled => VenueOrderStatus.PartiallyFilled,
            BybitOrderStatus.Filled => VenueOrderStatus.Filled,
            BybitOrderStatus.Rejected => VenueOrderStatus.Rejected,
            _ => VenueOrderStatus.Cancelled,
        },
        order.Price ?? 0,
        order.Qty,
        order.CumExecQty,
        order.UpdatedTime * NanosPerMilli,
        order.RejectReason != BybitRejectReason.NoError ? RejectReasons.Name(order.RejectReason)
            : order.CancelType != BybitCancelType.Unknown ? CancelTypes.Name(order.CancelType) : "")
    {
        ReceivedAt = receivedAt,
    };

    private static VenueExecution Execution(BybitExecution e, long receivedAt = 0) =>
        new(e.ExecId, e.OrderLinkId, e.OrderId, e.Side, e.ExecPrice, e.ExecQty, e.ExecFee, e.IsMaker, e.ExecTime * NanosPerMilli) { ReceivedAt = receivedAt };

    // An order's reason, made once per value: formatting an enum allocates its text every time.
    private static readonly EnumTexts<BybitRejectReason> RejectReasons = new(reason => "EC_" + reason);
    private static readonly EnumTexts<BybitCancelType> CancelTypes = new(type => type.ToString());
}
