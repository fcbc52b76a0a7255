using System.Globalization;
using System.Text;
using System.Text.Json;
using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;
using MarketMaking.Venue.Exchange;
using MarketMaking.Venue.Faults;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Venue.Streams;

/// <summary>
/// Bybit's public market data over the venue's market, on the market thread: the public stream's
/// <c>orderbook.{1,50,200,1000}.SYMBOL</c>, the linear depths of docs/v5/websocket/public/orderbook.mdx
/// (a snapshot on subscription, then deltas with consecutive <c>u</c> at Bybit's push intervals of 10,
/// 20, 100 and 200 ms of wall time; level 1 as snapshots only, repeated after 3 s without a change;
/// level 500 went offline on 2025-09-30 and is refused as any unknown topic) and
/// <c>publicTrade.SYMBOL</c>; and the REST answers of
/// /v5/market/time, instruments-info, orderbook, recent-trade, kline and tickers, in the shapes of
/// Bybit's documented examples. Every trade (the clients' included) passes through <see cref="OnTrade"/>.
/// The 1000-level topic runs whether or not anyone subscribes: REST orderbook answers its book, with its
/// <c>u</c> (docs/v5/market/orderbook.mdx: "corresponds to u in the 1000-level WebSocket orderbook stream"). <c>seq</c>, the cross sequence, is the book's version: it grows when a
/// publication finds the book changed, so every depth (and REST) captured at the same moment carries the same.
/// </summary>
internal sealed class PublicMarketData : IPublicTape
{
    public const int RecentTrades = 1000;
    private const long Minute = 60_000;

    private readonly IVenueMarket _market;
    private readonly string _symbol;
    private readonly int _index;
    private readonly VenueClock _clock;
    private readonly FaultInjector _faults;
    private readonly StreamHub _hub;
    private readonly VenueIds _tradeIds;
    private readonly BookTopic[] _books;
    private readonly BookTopic _reference;
    private readonly string _tradeTopic;
    private readonly PublicTrade[] _recent = new PublicTrade[RecentTrades];
    private readonly List<PublicTrade> _pending = [];
    private readonly List<Bar> _minutes = [];
    private readonly long _launchTime;
    private readonly int _priceScale;
    private int _recentCount;
    private long _tradeSequence;
    private long _crossSequence;
    private long _moment;
    private long _sequencedMoment = -1;
    private bool _paused;

    /// <param name="index">The instrument's place in the venue's listing (0 for the first): its symbolId and its trade ids' stream.</param>
    public PublicMarketData(IVenueMarket market, string symbol, int index, ulong seed, VenueClock clock, FaultInjector faults, StreamHub hub)
    {
        _market = market;
        _symbol = symbol;
        _index = index;
        _clock = clock;
        _faults = faults;
        _hub = hub;
        _tradeIds = new VenueIds(seed, 3 + (16L * index));
        _books =
        [
            new BookTopic(1, TimeSpan.FromMilliseconds(10), $"orderbook.1.{symbol}"),
            new BookTopic(50, TimeSpan.FromMilliseconds(20), $"orderbook.50.{symbol}"),
            new BookTopic(200, TimeSpan.FromMilliseconds(100), $"orderbook.200.{symbol}"),
            new BookTopic(1000, TimeSpan.FromMilliseconds(200), $"orderbook.1000.{symbol}"),
        ];
        _reference = _books[^1];
        _tradeTopic = $"publicTrade.{symbol}";
        _launchTime = clock.NowMs;
        _priceScale = Scale(market.TickSize);
    }

    /// <summary>
    /// For tests: when set, the best bid and ask of every update of <c>orderbook.50</c> as published
    /// (u, bid price, bid size, ask price, ask size in ticks and lots), to check a recorded stream against.
    /// </summary>
    internal List<(long U, long BidPrice, long BidSize, long AskPrice, long AskSize)>? PublishedTops { get; set; }

    public void OnTrade(long time, Side aggressor, long priceTicks, long sizeLots)
    {
        PublicTrade? previous = _recentCount > 0 ? _recent[(_recentCount - 1) % RecentTrades] : null;
        string direction = previous is not { } p ? "PlusTick"
            : priceTicks > p.Price ? "PlusTick"
            : priceTicks < p.Price ? "MinusTick"
            : p.Direction is "PlusTick" or "ZeroPlusTick" ? "ZeroPlusTick" : "ZeroMinusTick";
        var trade = new PublicTrade(time, aggressor, priceTicks, sizeLots, _tradeIds.Next(), ++_tradeSequence, direction);
        _recent[_recentCount++ % RecentTrades] = trade;
        _pending.Add(trade);

        long start = time - (time % Minute);
        if (_minutes.Count == 0 || _minutes[^1].Start < start)
        {
            _minutes.Add(new Bar(start, priceTicks, priceTicks, priceTicks, priceTicks, sizeLots, sizeLots * priceTicks));
        }
        else
        {
            Bar bar = _minutes[^1];
            _minutes[^1] = bar with
            {
                High = Math.Max(bar.High, priceTicks),
                Low = Math.Min(bar.Low, priceTicks),
                Close = priceTicks,
                Volume = bar.Volume + sizeLots,
                Turnover = bar.Turnover + (sizeLots * priceTicks),
            };
        }
    }

    /// <summary>
    /// Subscribes a connection to public topics (on the market thread), answering as Bybit does,
    /// then sending each book's snapshot; a topic no instrument serves refuses the whole request.
    /// </summary>
    public static void Subscribe(IReadOnlyList<PublicMarketData> instruments, StreamConnection connection, string requestId, IReadOnlyList<string> topics)
    {
        string? unknown = topics.FirstOrDefault(t => !instruments.Any(i => i.Serves(t)));
        connection.Send(Ack(connection, requestId, "subscribe", unknown is null ? null : $"error:handler not found,topic:{unknown}"));
        if (unknown is not null)
        {
            return;
        }

        foreach (string topic in topics)
        {
            instruments.First(i => i.Serves(topic)).Add(connection, topic);
        }
    }

    private bool Serves(string topic) => topic == _tradeTopic || _books.Any(b => b.Name == topic);

    private void Add(StreamConnection connection, string topic)
    {
        connection.Topics.Add(topic);
        if (_books.FirstOrDefault(b => b.Name == topic) is { } book)
        {
            if (!book.Fresh)
            {
                _moment++; // the book may have moved since the last publication
                Start(book);
            }

            connection.Send(BookMessage(book, snapshot: true, book.Bids, book.Asks, _clock.NowMs));
        }
    }

    public static void Unsubscribe(StreamConnection connection, string requestId, IReadOnlyList<string> topics)
    {
        foreach (string topic in topics)
        {
            connection.Topics.Remove(topic);
        }

        connection.Send(Ack(connection, requestId, "unsubscribe", null));
    }

    /// <summary>Pushes what is due: trades since the last push, and each book topic whose interval has passed (nothing while market data is paused).</summary>
    public void Publish()
    {
        bool paused = _faults.InForce(FaultKind.MarketDataPause);
        if (paused != _paused)
        {
            _paused = paused;
            if (paused && _faults.Rule(FaultKind.MarketDataPause) is { } rule)
            {
                _faults.Record(FaultKind.MarketDataPause, $"public market data stopped for {rule.Duration.TotalSeconds:0.###} s");
            }
        }

        if (paused)
        {
            _pending.Clear();
            return;
        }

        _moment++;

        long now = _clock.NowMs;
        if (_pending.Count > 0)
        {
            byte[] message = TradeMessage(now);
            _pending.Clear();
            foreach (StreamConnection connection in Subscribers(_tradeTopic))
            {
                connection.Send(message);
            }
        }

        TimeSpan elapsed = _clock.Elapsed;
        foreach (BookTopic book in _books)
        {
            if (elapsed - book.LastPush < book.Interval)
            {
                continue;
            }

            List<StreamConnection> subscribers = [.. Subscribers(book.Name)];
            if (subscribers.Count == 0 && book != _reference)
            {
                book.Fresh = false;
                continue;
            }

            if (!book.Fresh)
            {
                Start(book);
                continue;
            }

            Push(book, subscribers, elapsed, now);
        }
    }

    /// <summary>Publishes a topic's book now: level 1 as a snapshot (on a change, or after 3 s), the others as a delta with the next u when the book changed.</summary>
    private void Push(BookTopic book, List<StreamConnection> subscribers, TimeSpan elapsed, long now)
    {
        book.LastPush = elapsed;
        (long Price, long Size)[] bids = book.Bids;
        (long Price, long Size)[] asks = book.Asks;
        bool changed = Capture(book);
        if (book.Depth == 1)
        {
            // Level 1 is snapshots only: on a change, and again after 3 s without one (same u).
            if (changed)
            {
                book.U++;
                book.LastChange = elapsed;
            }
            else if (elapsed - book.LastChange < TimeSpan.FromSeconds(3))
            {
                return;
            }
            else
            {
                book.LastChange = elapsed;
            }

            byte[] snapshot = BookMessage(book, snapshot: true, book.Bids, book.Asks, now);
            foreach (StreamConnection connection in subscribers)
            {
                connection.Send(snapshot);
            }

            return;
        }

        if (!changed)
        {
            return;
        }

        book.U++;
        if (subscribers.Count == 0)
        {
            return; // the 1000-level book moves on for REST, with no one to tell
        }

        byte[] delta = BookMessage(book, snapshot: false, Changes(bids, book.Bids, descending: true), Changes(asks, book.Asks, descending: false), now);
        foreach (StreamConnection connection in subscribers)
        {
            long n = connection.Deltas++;
            if (_faults.Strikes(FaultKind.SkipDelta, connection.Index, n))
            {
                _faults.Record(FaultKind.SkipDelta, $"connection {connection.Index}: {book.Name} delta u={book.U} not sent");
                continue;
            }

            connection.Send(delta);
        }
    }

    /// <summary>GET /v5/market/time.</summary>
    public byte[] ServerTime()
    {
        long nanos = _clock.NowNanos;
        return Wire.Ok(nanos / 1_000_000, nanos, static (w, n) =>
        {
            w.WriteStartObject();
            w.LongString("timeSecond"u8, n / 1_000_000_000);
            w.LongString("timeNano"u8, n);
            w.WriteEndObject();
        });
    }

    /// <summary>GET /v5/market/instruments-info (linear example's shape): every instrument listed, or the one named; another symbol gets an empty list.</summary>
    public static byte[] Instruments(IReadOnlyList<PublicMarketData> instruments, string? symbol, long now) =>
        Wire.Ok(now, instruments.Where(i => symbol is null || symbol == i._symbol).ToList(), static (w, listed) =>
        {
            w.WriteStartObject();
            w.WriteString("category"u8, VenueExchange.Category);
            w.WriteStartArray("list"u8);
            foreach (PublicMarketData instrument in listed)
            {
                instrument.WriteInstrument(w);
            }

            w.WriteEndArray();
            w.WriteString("nextPageCursor"u8, ""u8);
            w.WriteEndObject();
        });

    private void WriteInstrument(Utf8JsonWriter w)
    {
        decimal tick = _market.TickSize;
        decimal lot = _market.LotSize;
        w.WriteStartObject();
        w.WriteString("symbol"u8, _symbol);
        w.WriteNumber("symbolId"u8, _index + 1);
        w.WriteString("contractType"u8, "LinearPerpetual"u8);
        w.WriteString("status"u8, "Trading"u8);
        w.WriteString("baseCoin"u8, _symbol[..^4]);
        w.WriteString("quoteCoin"u8, VenueExchange.SettleCoin);
        w.LongString("launchTime"u8, _launchTime);
        w.WriteString("deliveryTime"u8, "0"u8);
        w.WriteString("deliveryFeeRate"u8, ""u8);
        w.WriteString("priceScale"u8, _priceScale.ToString(CultureInfo.InvariantCulture));
        w.WriteStartObject("leverageFilter"u8);
        w.WriteString("minLeverage"u8, "1"u8);
        w.WriteString("maxLeverage"u8, "100.00"u8);
        w.WriteString("leverageStep"u8, "0.01"u8);
        w.WriteEndObject();
        w.WriteStartObject("priceFilter"u8);
        w.Decimal("minPrice"u8, tick);
        w.Decimal("maxPrice"u8, tick * 10_000_000);
        w.Decimal("tickSize"u8, tick);
        w.WriteEndObject();
        w.WriteStartObject("lotSizeFilter"u8);
        w.Decimal("maxOrderQty"u8, lot * 1_000_000);
        w.Decimal("minOrderQty"u8, lot);
        w.Decimal("qtyStep"u8, lot);
        w.Decimal("postOnlyMaxOrderQty"u8, lot * 1_000_000);
        w.Decimal("maxMktOrderQty"u8, lot * 100_000);
        w.Decimal("minNotionalValue"u8, VenueExchange.MinNotional);
        w.WriteEndObject();
        w.WriteBoolean("unifiedMarginTrade"u8, true);
        w.WriteNumber("fundingInterval"u8, 480);
        w.WriteString("settleCoin"u8, VenueExchange.SettleCoin);
        w.WriteString("copyTrading"u8, "none"u8);
        w.WriteString("upperFundingRate"u8, "0.00375"u8);
        w.WriteString("lowerFundingRate"u8, "-0.00375"u8);
        w.WriteBoolean("isPreListing"u8, false);
        w.WriteNull("preListingInfo"u8);
        w.WriteStartObject("riskParameters"u8);
        w.WriteString("priceLimitRatioX"u8, "0.01"u8);
        w.WriteString("priceLimitRatioY"u8, "0.02"u8);
        w.WriteEndObject();
        w.WriteString("symbolType"u8, ""u8);
        w.WriteEndObject();
    }

    /// <summary>
    /// GET /v5/market/orderbook: <paramref name="limit"/> levels a side (1 to 1000, default 25, as for
    /// linear in docs/v5/market/orderbook.mdx) of the book the 1000-level stream publishes, with its
    /// <c>u</c> and <c>seq</c>, so a client can take it and apply the stream's deltas with a greater u.
    /// The stream publishes now if the book changed since its last delta (early, rather than answer a
    /// book up to 200 ms old); while market data is paused, the book it last published.
    /// </summary>
    public byte[] OrderBook(int limit)
    {
        BookTopic book = _reference;
        _moment++;
        if (!book.Fresh)
        {
            Start(book);
        }
        else if (!_paused)
        {
            Push(book, [.. Subscribers(book.Name)], _clock.Elapsed, _clock.NowMs);
        }

        long now = _clock.NowMs;
        return Wire.Ok(now, (limit, now, book), (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("s"u8, _symbol);
            WriteLevels(w, "a"u8, s.book.Asks.AsSpan(0, Math.Min(s.limit, s.book.Asks.Length)));
            WriteLevels(w, "b"u8, s.book.Bids.AsSpan(0, Math.Min(s.limit, s.book.Bids.Length)));
            w.WriteNumber("ts"u8, s.now);
            w.WriteNumber("u"u8, s.book.U);
            w.WriteNumber("seq"u8, s.book.Seq);
            w.WriteNumber("cts"u8, s.book.CapturedAt);
            w.WriteEndObject();
        });
    }

    /// <summary>The 1000-level stream's update id and cross sequence now (what a REST orderbook answer carries).</summary>
    internal (long U, long Seq) ReferenceUpdate => (_reference.U, _reference.Seq);

    /// <summary>GET /v5/market/recent-trade: newest first.</summary>
    public byte[] Trades(int limit) => Wire.Ok(_clock.NowMs, limit, (w, count) =>
    {
        w.WriteStartObject();
        w.WriteString("category"u8, VenueExchange.Category);
        w.WriteStartArray("list"u8);
        int available = Math.Min(_recentCount, RecentTrades);
        for (int k = 0; k < Math.Min(count, available); k++)
        {
            PublicTrade t = _recent[(_recentCount - 1 - k) % RecentTrades];
            w.WriteStartObject();
            w.WriteString("execId"u8, t.Id);
            w.WriteString("symbol"u8, _symbol);
            w.Decimal("price"u8, t.Price * _market.TickSize);
            w.Decimal("size"u8, t.Size * _market.LotSize);
            w.WriteString("side"u8, t.Side == Side.Buy ? "Buy"u8 : "Sell"u8);
            w.LongString("time"u8, t.Time);
            w.WriteBoolean("isBlockTrade"u8, false);
            w.WriteBoolean("isRPITrade"u8, false);
            w.LongString("seq"u8, t.Sequence);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>
    /// GET /v5/market/kline: bars of <paramref name="interval"/> (minutes, D, W or M) built from the
    /// trades, newest first, between <paramref name="start"/> and <paramref name="end"/> (ms); an
    /// interval without trades is a flat bar at the last close. Null for an unknown interval.
    /// </summary>
    public byte[]? Klines(string interval, long? start, long? end, int limit)
    {
        if (!TryBucket(interval, out Func<long, long>? found) || found is not { } bucket)
        {
            return null;
        }

        var bars = new List<Bar>();
        foreach (Bar minute in _minutes)
        {
            long at = bucket(minute.Start);
            if (bars.Count > 0 && bars[^1].Start == at)
            {
                Bar bar = bars[^1];
                bars[^1] = bar with { High = Math.Max(bar.High, minute.High), Low = Math.Min(bar.Low, minute.Low), Close = minute.Close, Volume = bar.Volume + minute.Volume, Turnover = bar.Turnover + minute.Turnover };
                continue;
            }

            // Intervals without trades between two bars are flat at the last close.
            while (bars.Count > 0 && bucket(NextStart(bars[^1].Start, interval)) < at)
            {
                long gap = bucket(NextStart(bars[^1].Start, interval));
                long close = bars[^1].Close;
                bars.Add(new Bar(gap, close, close, close, close, 0, 0));
            }

            bars.Add(minute with { Start = at });
        }

        IEnumerable<Bar> selected = Enumerable.Reverse(bars).Where(b => (start is null || b.Start >= start) && (end is null || b.Start <= end)).Take(limit);
        return Wire.Ok(_clock.NowMs, selected.ToList(), (w, list) =>
        {
            w.WriteStartObject();
            w.WriteString("symbol"u8, _symbol);
            w.WriteString("category"u8, VenueExchange.Category);
            w.WriteStartArray("list"u8);
            foreach (Bar bar in list)
            {
                w.WriteStartArray();
                w.WriteStringValue(bar.Start.ToString(CultureInfo.InvariantCulture));
                w.DecimalValue(bar.Open * _market.TickSize);
                w.DecimalValue(bar.High * _market.TickSize);
                w.DecimalValue(bar.Low * _market.TickSize);
                w.DecimalValue(bar.Close * _market.TickSize);
                w.DecimalValue(bar.Volume * _market.LotSize);
                w.DecimalValue(bar.Turnover * _market.TickSize * _market.LotSize);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>GET /v5/market/tickers (the linear and inverse table of docs/v5/market/tickers.mdx): last, best bid and ask, 24-hour and 1-hour statistics from the trades, for every instrument or the one named.</summary>
    public static byte[] Tickers(IReadOnlyList<PublicMarketData> instruments, string? symbol, long now) =>
        Wire.Ok(now, (instruments.Where(i => symbol is null || symbol == i._symbol).ToList(), now), static (w, state) =>
        {
            w.WriteStartObject();
            w.WriteString("category"u8, VenueExchange.Category);
            w.WriteStartArray("list"u8);
            foreach (PublicMarketData instrument in state.Item1)
            {
                instrument.WriteTicker(w, state.now);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    private void WriteTicker(Utf8JsonWriter w, long now)
    {
        decimal tick = _market.TickSize;
        decimal lot = _market.LotSize;
        long last = _market.LastTradeTicks;
        List<Bar> day = _minutes.Where(b => b.Start > now - (24 * 60 * Minute)).ToList();
        long prev24 = PriceBefore(now - (24 * 60 * Minute)) ?? (day.Count > 0 ? day[0].Open : last);
        long prev1 = PriceBefore(now - (60 * Minute)) ?? prev24;
        BookLevel bid = _market.Book.Best(Side.Buy);
        BookLevel ask = _market.Book.Best(Side.Sell);
        decimal mark = _market.MarkPrice();
        long nextFunding = ((now / (8 * 60 * Minute)) + 1) * 8 * 60 * Minute;
        w.WriteStartObject();
        w.WriteString("symbol"u8, _symbol);
        w.Decimal("lastPrice"u8, last * tick);
        w.Decimal("indexPrice"u8, mark);
        w.Decimal("markPrice"u8, mark);
        w.Decimal("prevPrice24h"u8, prev24 * tick);
        w.Decimal("price24hPcnt"u8, prev24 > 0 ? Math.Round((decimal)(last - prev24) / prev24, 6) : 0);
        w.Decimal("highPrice24h"u8, (day.Count > 0 ? day.Max(b => b.High) : last) * tick);
        w.Decimal("lowPrice24h"u8, (day.Count > 0 ? day.Min(b => b.Low) : last) * tick);
        w.Decimal("prevPrice1h"u8, prev1 * tick);
        WriteOpenInterest(w, mark);
        w.Decimal("turnover24h"u8, day.Sum(b => b.Turnover) * tick * lot);
        w.Decimal("volume24h"u8, day.Sum(b => b.Volume) * lot);
        w.WriteString("fundingRate"u8, "0.0001"u8);
        w.LongString("nextFundingTime"u8, nextFunding);
        w.WriteString("predictedDeliveryPrice"u8, ""u8);
        w.WriteString("basisRate"u8, ""u8);
        w.WriteString("deliveryFeeRate"u8, ""u8);
        w.WriteString("deliveryTime"u8, "0"u8);
        w.Decimal("ask1Size"u8, ask.Size * lot);
        w.Decimal("bid1Price"u8, bid.Price * tick);
        w.Decimal("ask1Price"u8, ask.Price * tick);
        w.Decimal("bid1Size"u8, bid.Size * lot);
        w.WriteString("basis"u8, ""u8);
        w.WriteString("preOpenPrice"u8, ""u8);
        w.WriteString("preQty"u8, ""u8);
        w.WriteString("curPreListingPhase"u8, ""u8);
        w.WriteString("fundingIntervalHour"u8, "8"u8);
        w.WriteString("basisRateYear"u8, ""u8);
        w.WriteString("fundingCap"u8, "0.005"u8);
        w.WriteEndObject();
    }

    /// <summary>
    /// Open interest as docs/v5/market/tickers.mdx defines it: openInterest both sides (longs plus
    /// shorts, twice the single side), singleOpenInterest one side (the longs; in the table since
    /// 2026-06-09, not yet in its example), values at the mark price. "" where the market cannot know it.
    /// </summary>
    private void WriteOpenInterest(Utf8JsonWriter w, decimal mark)
    {
        if (_market.OpenInterestLots is not { } lots)
        {
            w.WriteString("openInterest"u8, ""u8);
            w.WriteString("openInterestValue"u8, ""u8);
            w.WriteString("singleOpenInterest"u8, ""u8);
            w.WriteString("singleOpenInterestValue"u8, ""u8);
            return;
        }

        decimal single = lots * _market.LotSize;
        w.Decimal("openInterest"u8, 2 * single);
        w.Decimal("openInterestValue"u8, Math.Round(2 * single * mark, 2));
        w.Decimal("singleOpenInterest"u8, single);
        w.Decimal("singleOpenInterestValue"u8, Math.Round(single * mark, 2));
    }

    private long? PriceBefore(long time)
    {
        for (int i = _minutes.Count - 1; i >= 0; i--)
        {
            if (_minutes[i].Start < time)
            {
                return _minutes[i].Close;
            }
        }

        return null;
    }

    private static bool TryBucket(string interval, out Func<long, long>? bucket)
    {
        long minutes = interval switch
        {
            "1" or "3" or "5" or "15" or "30" or "60" or "120" or "240" or "360" or "720" => long.Parse(interval, CultureInfo.InvariantCulture),
            "D" => 1440,
            "W" or "M" => -1,
            _ => 0,
        };
        bucket = minutes switch
        {
            > 0 => t => t - (t % (minutes * Minute)),
            _ when interval == "W" => t => t - ((t + (3 * 1440 * Minute)) % (7 * 1440 * Minute)), // weeks start on Monday (the epoch was a Thursday)
            _ when interval == "M" => t => new DateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(t).Year, DateTimeOffset.FromUnixTimeMilliseconds(t).Month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            _ => null,
        };
        return bucket is not null;
    }

    private static long NextStart(long start, string interval) => interval switch
    {
        "M" => DateTimeOffset.FromUnixTimeMilliseconds(start).AddMonths(1).ToUnixTimeMilliseconds(),
        "W" => start + (7 * 1440 * Minute),
        "D" => start + (1440 * Minute),
        _ => start + (long.Parse(interval, CultureInfo.InvariantCulture) * Minute),
    };

    private IEnumerable<StreamConnection> Subscribers(string topic) =>
        _hub.Connections.Where(c => !c.IsPrivate && !c.IsClosed && c.Topics.Contains(topic));

    /// <summary>A topic's first book (on its first subscriber; the 1000-level's on the venue's first look at it): a new u, published now.</summary>
    private void Start(BookTopic book)
    {
        Capture(book);
        book.U++;
        book.Fresh = true;
        book.LastPush = book.LastChange = _clock.Elapsed;
    }

    /// <summary>Takes the topic's levels from the book now; whether they changed. A change takes a cross sequence, one per moment for every depth.</summary>
    private bool Capture(BookTopic book)
    {
        (long Price, long Size)[] bids = Levels(Side.Buy, book.Depth);
        (long Price, long Size)[] asks = Levels(Side.Sell, book.Depth);
        bool changed = !book.Fresh || !bids.AsSpan().SequenceEqual(book.Bids) || !asks.AsSpan().SequenceEqual(book.Asks);
        book.Bids = bids;
        book.Asks = asks;
        if (changed)
        {
            if (_moment != _sequencedMoment)
            {
                _sequencedMoment = _moment;
                _crossSequence++;
            }

            book.Seq = _crossSequence;
            book.CapturedAt = _clock.NowMs;
        }

        return changed;
    }

    private (long Price, long Size)[] Levels(Side side, int depth)
    {
        IOrderBookView view = _market.Book;
        int count = Math.Min(depth, view.LevelCount(side));
        var levels = new (long, long)[count];
        for (int i = 0; i < count; i++)
        {
            BookLevel level = view.Level(side, i);
            levels[i] = (level.Price, level.Size);
        }

        return levels;
    }

    /// <summary>The levels that differ between two views of a side: new or resized ones with their size, vanished ones with 0.</summary>
    private static (long Price, long Size)[] Changes((long Price, long Size)[] before, (long Price, long Size)[] after, bool descending)
    {
        var changes = new List<(long, long)>();
        int i = 0, j = 0;
        while (i < before.Length || j < after.Length)
        {
            int order = i == before.Length ? 1 : j == after.Length ? -1 : descending ? after[j].Price.CompareTo(before[i].Price) : before[i].Price.CompareTo(after[j].Price);
            if (order < 0)
            {
                changes.Add((before[i++].Price, 0));
            }
            else if (order > 0)
            {
                changes.Add(after[j++]);
            }
            else
            {
                if (before[i].Size != after[j].Size)
                {
                    changes.Add(after[j]);
                }

                i++;
                j++;
            }
        }

        return [.. changes];
    }

    private byte[] BookMessage(BookTopic book, bool snapshot, (long Price, long Size)[] bids, (long Price, long Size)[] asks, long now)
    {
        if (PublishedTops is { } tops && book.Depth == 50 && (tops.Count == 0 || tops[^1].U != book.U))
        {
            (long bidPrice, long bidSize) = book.Bids.Length > 0 ? book.Bids[0] : (0, 0);
            (long askPrice, long askSize) = book.Asks.Length > 0 ? book.Asks[0] : (0, 0);
            tops.Add((book.U, bidPrice, bidSize, askPrice, askSize));
        }

        return Wire.Json((book, snapshot, bids, asks, now), (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("topic"u8, s.book.Name);
            if (s.book.Depth == 1)
            {
                // Level 1 writes ts before type, the other depths after it (docs/v5/websocket/public/orderbook.mdx).
                w.WriteNumber("ts"u8, s.now);
                w.WriteString("type"u8, "snapshot"u8);
            }
            else
            {
                w.WriteString("type"u8, s.snapshot ? "snapshot"u8 : "delta"u8);
                w.WriteNumber("ts"u8, s.now);
            }

            w.WriteStartObject("data"u8);
            w.WriteString("s"u8, _symbol);
            WriteLevels(w, "b"u8, s.bids);
            WriteLevels(w, "a"u8, s.asks);
            w.WriteNumber("u"u8, s.book.U);
            w.WriteNumber("seq"u8, s.book.Seq);
            w.WriteEndObject();
            w.WriteNumber("cts"u8, s.book.CapturedAt);
            w.WriteEndObject();
        });
    }

    private void WriteLevels(Utf8JsonWriter w, ReadOnlySpan<byte> name, ReadOnlySpan<(long Price, long Size)> levels)
    {
        w.WriteStartArray(name);
        foreach ((long price, long size) in levels)
        {
            w.WriteStartArray();
            w.DecimalValue(price * _market.TickSize);
            w.DecimalValue(size * _market.LotSize);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private byte[] TradeMessage(long now) => Wire.Json(now, (w, ts) =>
    {
        w.WriteStartObject();
        w.WriteString("topic"u8, _tradeTopic);
        w.WriteString("type"u8, "snapshot"u8);
        w.WriteNumber("ts"u8, ts);
        w.WriteStartArray("data"u8);
        foreach (PublicTrade t in _pending)
        {
            w.WriteStartObject();
            w.WriteNumber("T"u8, t.Time);
            w.WriteString("s"u8, _symbol);
            w.WriteString("S"u8, t.Side == Side.Buy ? "Buy"u8 : "Sell"u8);
            w.Decimal("v"u8, t.Size * _market.LotSize);
            w.Decimal("p"u8, t.Price * _market.TickSize);
            w.WriteString("L"u8, t.Direction);
            w.WriteString("i"u8, t.Id);
            w.WriteBoolean("BT"u8, false);
            w.WriteNumber("seq"u8, t.Sequence);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static byte[] Ack(StreamConnection connection, string requestId, string op, string? refusal) => Wire.Json((connection.Id, requestId, op, refusal), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteBoolean("success"u8, s.refusal is null);
        w.WriteString("ret_msg"u8, s.refusal ?? "");
        w.WriteString("conn_id"u8, s.Id);
        w.WriteString("req_id"u8, s.requestId);
        w.WriteString("op"u8, s.op);
        w.WriteEndObject();
    });

    private static int Scale(decimal value)
    {
        int scale = 0;
        while (value != Math.Truncate(value))
        {
            value *= 10;
            scale++;
        }

        return scale;
    }

    private readonly record struct PublicTrade(long Time, Side Side, long Price, long Size, string Id, long Sequence, string Direction);

    private readonly record struct Bar(long Start, long Open, long High, long Low, long Close, long Volume, long Turnover);

    /// <summary>One order-book topic: the levels last published (what every subscriber's book is) and its update id.</summary>
    private sealed class BookTopic(int depth, TimeSpan interval, string name)
    {
        public int Depth { get; } = depth;

        public TimeSpan Interval { get; } = interval;

        public string Name { get; } = name;

        public long U { get; set; }

        /// <summary>The cross sequence of the levels last published.</summary>
        public long Seq { get; set; }

        /// <summary>When the levels last published were captured (ms since the epoch).</summary>
        public long CapturedAt { get; set; }

        public bool Fresh { get; set; }

        public TimeSpan LastPush { get; set; }

        public TimeSpan LastChange { get; set; }

        public (long Price, long Size)[] Bids { get; set; } = [];

        public (long Price, long Size)[] Asks { get; set; } = [];
    }
}
