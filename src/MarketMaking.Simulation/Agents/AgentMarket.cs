using MarketMaking.Core.Accounting;
using MarketMaking.Core.Books;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Randomness;
using MarketMaking.Signals.Features;
using MarketMaking.Signals.Volatility;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Matching;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// An agent-based limit order book: background traders (noise, informed, momentum, value, an
/// optional competing market maker) arrive as Poisson processes — market orders self-exciting
/// (Hawkes) — and trade in a price-time matching engine, around a fundamental value only the
/// informed see. Our orders rest in the same book, so queue position is exact. Latency: we see
/// the top of book as it was one feed latency ago, our orders rest one entry latency after we send
/// them, our cancels land one cancel latency later. Our quotes are post-only: one that would cross
/// when it lands is refused (and counted). Simulated by thinning: the next event time is drawn
/// from an upper bound on the total intensity, which only decays between events.
/// </summary>
public sealed class AgentMarket : IMarket
{
    private const int OurOwner = 1;
    private const int NoiseOwner = 2;
    private const int InformedOwner = 3;
    private const int MomentumOwner = 4;
    private const int ValueOwner = 5;
    private const int CompetitorOwner = 6;
    private const int TopHistory = 4096;

    // Times closer than this are the same time (binary round-off of seconds).
    private const double TimeTolerance = 1e-9;

    private readonly AgentMarketParameters _p;
    private readonly MatchingEngine _engine = new(SelfTradePrevention.None, initialOrderCapacity: 8192);
    private readonly MatchingEventBuffer _events = new(1024);
    private readonly LiveOrderSet _noiseOrders = new();
    private readonly List<ScheduledAction> _scheduled = [];
    private readonly Dictionary<long, Side> _ourOrders = [];
    private readonly RealizedVolatility _volatility = new(TimeSpan.FromSeconds(60));
    private readonly double[] _topTimes = new double[TopHistory];
    private readonly long[] _topBids = new long[TopHistory];
    private readonly long[] _topAsks = new long[TopHistory];
    private readonly long _startTicks;
    private readonly double _tick;
    private readonly double _lot;

    // ln(1 − p) of the geometric draws, computed once.
    private readonly double _placementLog;
    private readonly double _limitSizeLog;
    private ScalarRandom _random;
    private List<Fill>? _fills;
    private int _topCount;
    private int _topHead;
    private double _clock;
    private readonly CorrelatedFundamentals? _fundamentals;
    private readonly int _member;
    private double _fundamental;
    private double _fundamentalTime;
    private double _logVolatility;
    private double _nextJump;
    private double _excitation;
    private double _momentumAverage;
    private double _momentumTime;
    private double _lastMidTicks;
    private long _lastTradeTicks;
    private long _nextId = 1;
    private long _competitorBid;
    private long _competitorAsk;

    public AgentMarket(AgentMarketParameters parameters, ulong seed)
        : this(parameters, seed, null, 0)
    {
    }

    /// <summary>A market whose fundamental shares <paramref name="fundamentals"/>' common factor as its market number <paramref name="member"/>.</summary>
    public AgentMarket(AgentMarketParameters parameters, ulong seed, CorrelatedFundamentals? fundamentals, int member)
    {
        if (fundamentals is not null && (member < 0 || member >= fundamentals.Markets))
        {
            throw new ArgumentOutOfRangeException(nameof(member), $"market {member} of {fundamentals.Markets}");
        }

        _fundamentals = fundamentals;
        _member = member;
        _p = (parameters ?? throw new ArgumentNullException(nameof(parameters))).Validate();
        Instrument = new Instrument(_p.Symbol, _p.TickSize, _p.LotSize, _p.MakerFeeRate, _p.TakerFeeRate);
        _tick = _p.TickSize;
        _lot = _p.LotSize;
        _random = new ScalarRandom(seed);
        _placementLog = Math.Log(1 - _p.Noise.PlacementDecay);
        _limitSizeLog = Math.Log(1 - (1 / _p.Noise.MeanLimitSize));
        _startTicks = Instrument.ToTicks(_p.InitialPrice);
        _fundamental = _startTicks * _tick;
        _lastMidTicks = _startTicks;
        _lastTradeTicks = _startTicks;
        _momentumAverage = _startTicks;
        _clock = -_p.WarmUp;

        // The excitation starts at its stationary mean λ·n: near-critical clustering would otherwise
        // take ~1/β seconds (longer than any warm-up) to build up from nothing.
        _excitation = _p.Noise.MarketRate * _p.Clustering.BranchingRatio;
        _fundamentalTime = _clock;
        _momentumTime = _clock;
        _nextJump = _p.Fundamental.JumpIntensity > 0 ? _clock + _random.NextExponential(_p.Fundamental.JumpIntensity) : double.PositiveInfinity;
        SeedBook();
        Run(0);
    }

    /// <summary>
    /// Owner of the orders a local exchange's clients enter through <see cref="SubmitVenueOrder"/>
    /// (not the strategy's orders of <see cref="Submit"/>).
    /// </summary>
    public const int VenueOwner = 7;

    // Each owner's net position, lots: every kind of trader holds one account, as the venue's clients hold one.
    private readonly long[] _positions = new long[VenueOwner + 1];

    /// <summary>Sees every trade, market order and top-of-book change; null for none.</summary>
    public IAgentMarketObserver? Observer { get; set; }

    /// <summary>Sees every matching-engine event, step by step (a local exchange built on this market); null for none.</summary>
    public IAgentMarketListener? Listener { get; set; }

    /// <summary>
    /// Features kept current from the exchange's book and trades (none when null: they cost time).
    /// They are read at event time, without the feed latency the quotes see.
    /// </summary>
    public MarketFeatures? Features { get; set; }

    public ReadOnlySpan<double> FeatureValues => Features is null ? [] : Features.Values;

    public Instrument Instrument { get; }

    public double Time => _clock;

    public double TimeLeft => _p.Duration - _clock;

    public double Mid
    {
        get
        {
            (long bid, long ask) = SeenTop();
            return bid > 0 && ask > 0 ? (bid + ask) * 0.5 * _tick : _lastMidTicks * _tick;
        }
    }

    public double BestBid => SeenTop().Bid is > 0 and var bid ? bid * _tick : double.NaN;

    public double BestAsk => SeenTop().Ask is > 0 and var ask ? ask * _tick : double.NaN;

    /// <summary>Realized volatility of the mid over the last minute, per √s; NaN until a minute is seen.</summary>
    public double Volatility => _volatility.IsReady ? _volatility.Value * _tick : double.NaN;

    public double Alpha => 0;

    public bool IsFinished => _clock >= _p.Duration - TimeTolerance;

    /// <summary>The book as it is now (not delayed by the feed latency).</summary>
    public IOrderBookView Book => _engine;

    /// <summary>The hidden fundamental value now (price units).</summary>
    public double Fundamental => FundamentalNow();

    /// <summary>The last trade price in ticks (the initial price before any trade).</summary>
    public long LastTradeTicks => _lastTradeTicks;

    /// <summary>
    /// Open interest, one side, lots: the sum of the long positions, every kind of trader (one
    /// account each: trades between two noise traders, say, leave it as it was) and the venue's clients.
    /// </summary>
    public long OpenInterestLots
    {
        get
        {
            long longs = 0;
            foreach (long position in _positions)
            {
                longs += Math.Max(position, 0);
            }

            return longs;
        }
    }

    /// <summary>Our orders refused on arrival because they would have crossed.</summary>
    public long OrdersRefusedAsCrossing { get; private set; }

    /// <summary>Background-trader and our events processed so far.</summary>
    public long Events { get; private set; }

    public long Submit(Side side, double price, double quantity)
    {
        long id = _nextId++;
        Schedule(new ScheduledAction(_clock + Delay(_p.Latency.Entry), ActionKind.Submit, id, side, Instrument.ToTicks(price), Instrument.ToLots(quantity)));
        return id;
    }

    public void Cancel(long orderId) =>
        Schedule(new ScheduledAction(_clock + Delay(_p.Latency.Cancel), ActionKind.Cancel, orderId, default, 0, 0));

    public void Reduce(long orderId, double newQuantity) =>
        Schedule(new ScheduledAction(_clock + Delay(_p.Latency.Cancel), ActionKind.Reduce, orderId, default, 0, Instrument.ToLots(newQuantity)));

    /// <summary>
    /// Enters a venue client's order now, without latency (the caller is the exchange), as
    /// <see cref="VenueOwner"/>: limit, immediate-or-cancel, fill-or-kill or post-only at
    /// <paramref name="price"/> ticks, or a market order, which like the background traders' is an
    /// immediate-or-cancel limit at most <see cref="AgentMarketParameters.SweepLimitTicks"/> from the
    /// last trade (exchange price protection) and excites the order flow as theirs do. Its events
    /// (acceptance, trades, the unfilled remainder's cancellation, or a rejection) reach the
    /// <see cref="Listener"/> before this returns.
    /// </summary>
    public OrderRejectReason SubmitVenueOrder(Side side, OrderType type, long price, long size, out long orderId)
    {
        orderId = _nextId++;
        bool market = type == OrderType.Market;
        if (market)
        {
            price = side == Side.Buy ? _lastTradeTicks + _p.SweepLimitTicks : Math.Max(1, _lastTradeTicks - _p.SweepLimitTicks);
            type = OrderType.ImmediateOrCancel;
        }

        double before = market && Observer is not null ? MidTicks() : 0;
        OrderRejectReason reason = _engine.Submit(new OrderRequest(orderId, VenueOwner, side, type, price, size, Nanos()), _events);
        Drain();
        if (market && reason == OrderRejectReason.None)
        {
            _excitation += _p.Clustering.BranchingRatio * _p.Clustering.Decay;
            Observer?.OnMarketOrder(_clock, side, size, before, MidTicks());
        }

        return reason;
    }

    /// <summary>Cancels a venue client's resting order now; UnknownOrder when it is not resting (filled or gone).</summary>
    public OrderRejectReason CancelVenueOrder(long orderId)
    {
        OrderRejectReason reason = _engine.TryGetOrder(orderId, out RestingOrder order) && order.Owner == VenueOwner
            ? _engine.Cancel(orderId, Nanos(), _events)
            : _engine.Reject(orderId, VenueOwner, Side.Buy, 0, 0, Nanos(), OrderRejectReason.UnknownOrder, _events);
        Drain();
        return reason;
    }

    /// <summary>
    /// Amends a venue client's resting order now, by the engine's rules: a pure size decrease keeps
    /// its queue place; a larger size or a new price sends it to the back (a new price that crosses
    /// trades first; a post-only order that would cross is refused and keeps its price and place).
    /// </summary>
    public OrderRejectReason AmendVenueOrder(long orderId, long price, long size)
    {
        OrderRejectReason reason = _engine.TryGetOrder(orderId, out RestingOrder order) && order.Owner == VenueOwner
            ? _engine.Amend(orderId, price, size, Nanos(), _events)
            : _engine.Reject(orderId, VenueOwner, Side.Buy, price, size, Nanos(), OrderRejectReason.UnknownOrder, _events);
        Drain();
        return reason;
    }

    /// <summary>Simulates the background traders up to <paramref name="time"/> (seconds, as <see cref="Time"/>); a time already past does nothing.</summary>
    public void AdvanceTo(double time)
    {
        double until = Math.Min(time, _p.Duration);
        if (until > _clock)
        {
            Run(until);
        }
    }

    public void Advance(List<Fill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        if (IsFinished)
        {
            throw new InvalidOperationException("the agent-based market has reached its end");
        }

        // Decisions fall on the grid k·interval (adding the interval each time would drift).
        double interval = _p.DecisionInterval;
        double next = (Math.Floor((_clock / interval) + TimeTolerance) + 1) * interval;
        _fills = fills;
        Run(Math.Min(_p.Duration, next));
        _fills = null;
    }

    /// <summary>Simulates up to <paramref name="until"/>, or until one of our orders fills.</summary>
    private void Run(double until)
    {
        NoiseTraderParameters noise = _p.Noise;
        double baseMarketRate = noise.MarketRate * (1 - _p.Clustering.BranchingRatio);
        double decay = _p.Clustering.Decay;
        double steady = noise.LimitRate + baseMarketRate + _p.Informed.Rate + _p.Momentum.Rate + _p.Value.Rate
            + (_p.Competitor.Enabled ? _p.Competitor.RefreshRate : 0);
        int fillsBefore = _fills?.Count ?? 0;
        while (true)
        {
            double nextAction = _scheduled.Count > 0 ? _scheduled[0].Time : double.PositiveInfinity;
            double stop = Math.Min(until, nextAction);
            double cancelRate = noise.CancelRate * _noiseOrders.Count;
            double bound = steady + cancelRate + _excitation;
            double next = bound > 0 ? _clock + _random.NextExponential(bound) : double.PositiveInfinity;
            if (next >= stop)
            {
                AdvanceClock(stop);
                if (stop == nextAction)
                {
                    ScheduledAction action = _scheduled[0];
                    _scheduled.RemoveAt(0);
                    Perform(action);
                }

                if (_clock >= until || (_fills is not null && _fills.Count > fillsBefore))
                {
                    return;
                }

                continue;
            }

            AdvanceClock(next);

            // Thinning: the intensity only fell since the bound was taken (the excitation decays).
            double total = steady + cancelRate + _excitation;
            double u = _random.NextUniform() * bound;
            if (u >= total)
            {
                continue;
            }

            Events++;
            if ((u -= noise.LimitRate) < 0)
            {
                NoiseLimit();
            }
            else if ((u -= baseMarketRate + _excitation) < 0)
            {
                NoiseMarket();
            }
            else if ((u -= cancelRate) < 0)
            {
                NoiseCancel();
            }
            else if ((u -= _p.Informed.Rate) < 0)
            {
                Informed();
            }
            else if ((u -= _p.Momentum.Rate) < 0)
            {
                Momentum();
            }
            else if ((u -= _p.Value.Rate) < 0)
            {
                ValueTrade();
            }
            else
            {
                CompetitorRequote();
            }

            if (_fills is not null && _fills.Count > fillsBefore)
            {
                return;
            }
        }
    }

    /// <summary>Moves time forward; the excitation decays. (The fundamental and the momentum average catch up when read.)</summary>
    private void AdvanceClock(double to)
    {
        double elapsed = to - _clock;
        if (elapsed <= 0)
        {
            return;
        }

        _excitation *= Math.Exp(-_p.Clustering.Decay * elapsed);
        _clock = to;
    }

    /// <summary>
    /// The fundamental now. It is a Brownian motion with compound Poisson jumps, so it is advanced
    /// only when read, with one Gaussian increment over everything since the last read (the same
    /// distribution as many small ones) plus the jumps whose times have passed.
    /// </summary>
    private double FundamentalNow()
    {
        FundamentalParameters f = _p.Fundamental;
        while (_nextJump <= _clock)
        {
            _fundamental += f.JumpStd * _random.NextNormal();
            _nextJump += _random.NextExponential(f.JumpIntensity);
        }

        double elapsed = _clock - _fundamentalTime;
        if (elapsed > 0 && f.Volatility > 0)
        {
            double volatility = f.Volatility;
            if (f.VolatilityOfVolatility > 0)
            {
                // Exact OU step for h; exp(h − Var h) keeps the mean variance at σ².
                double decay = Math.Exp(-f.VolatilityReversion * elapsed);
                double stationaryVariance = f.VolatilityOfVolatility * f.VolatilityOfVolatility / (2 * f.VolatilityReversion);
                _logVolatility = (_logVolatility * decay) + (Math.Sqrt(stationaryVariance * (1 - (decay * decay))) * _random.NextNormal());
                volatility *= Math.Exp(_logVolatility - stationaryVariance);
            }

            if (_fundamentals is null)
            {
                _fundamental += volatility * Math.Sqrt(elapsed) * _random.NextNormal();
            }
            else
            {
                double loading = _fundamentals.Loading(_member);
                double common = _fundamentals.Increment(_member, _fundamentalTime, _clock);
                double own = Math.Sqrt(elapsed) * _random.NextNormal();
                _fundamental += volatility * ((loading * common) + (Math.Sqrt(1 - (loading * loading)) * own));
            }
        }

        _fundamentalTime = _clock;
        return _fundamental;
    }

    /// <summary>The exponential moving average of the mid, brought up to now (the mid is constant between changes).</summary>
    private double MomentumAverageNow()
    {
        double elapsed = _clock - _momentumTime;
        if (elapsed > 0)
        {
            _momentumAverage += (1 - Math.Exp(-elapsed / _p.Momentum.Lookback)) * (_lastMidTicks - _momentumAverage);
            _momentumTime = _clock;
        }

        return _momentumAverage;
    }

    private void NoiseLimit()
    {
        Side side = _random.NextBool() ? Side.Buy : Side.Sell;

        // Around the last trade price, a geometric number of ticks away from it, and never through
        // the other side's touch: liquidity re-forms where the market last traded, so the price
        // moves a market order caused stay (permanent impact) instead of snapping back.
        long offset = _random.NextGeometricLog(_placementLog);
        long price = side == Side.Buy
            ? Math.Min(_lastTradeTicks, PassiveLimit(Side.Buy)) - offset
            : Math.Max(_lastTradeTicks, PassiveLimit(Side.Sell)) + offset;
        long size = 1 + _random.NextGeometricLog(_limitSizeLog);
        long id = _nextId++;
        if (price > 0 && Send(new OrderRequest(id, NoiseOwner, side, OrderType.Limit, price, size, Nanos())))
        {
            _noiseOrders.Add(id);
        }
    }

    private void NoiseMarket()
    {
        long size = Math.Max(1, (long)Math.Round(_p.Noise.MedianMarketSize * Math.Exp(_p.Noise.MarketSizeDispersion * _random.NextNormal())));
        TakeLiquidity(NoiseOwner, _random.NextBool() ? Side.Buy : Side.Sell, size);
    }

    private void NoiseCancel()
    {
        long id = _noiseOrders.Pick(ref _random);
        _noiseOrders.Remove(id);
        _engine.Cancel(id, Nanos(), _events);
        Drain();
    }

    private void Informed()
    {
        BookLevel bid = _engine.Best(Side.Buy);
        BookLevel ask = _engine.Best(Side.Sell);
        double threshold = _p.Informed.Threshold;
        double value = FundamentalNow();
        if (!ask.IsEmpty && ask.Price * _tick < value - threshold)
        {
            TakeLiquidity(InformedOwner, Side.Buy, InformedSize(value - (ask.Price * _tick)));
        }
        else if (!bid.IsEmpty && bid.Price * _tick > value + threshold)
        {
            TakeLiquidity(InformedOwner, Side.Sell, InformedSize((bid.Price * _tick) - value));
        }
    }

    private long InformedSize(double mispricing) => _p.Informed.Size + (long)(_p.Informed.SizePerTick * mispricing / _tick);

    private void Momentum()
    {
        double trend = (_lastMidTicks - MomentumAverageNow()) * _tick;
        if (trend > _p.Momentum.Threshold)
        {
            TakeLiquidity(MomentumOwner, Side.Buy, _p.Momentum.Size);
        }
        else if (trend < -_p.Momentum.Threshold)
        {
            TakeLiquidity(MomentumOwner, Side.Sell, _p.Momentum.Size);
        }
    }

    private void ValueTrade()
    {
        double estimate = FundamentalNow() + (_p.Value.Noise * _random.NextNormal());
        double mid = _lastMidTicks * _tick;
        if (mid < estimate - _p.Value.Threshold)
        {
            TakeLiquidity(ValueOwner, Side.Buy, _p.Value.Size);
        }
        else if (mid > estimate + _p.Value.Threshold)
        {
            TakeLiquidity(ValueOwner, Side.Sell, _p.Value.Size);
        }
    }

    private void CompetitorRequote()
    {
        long time = Nanos();
        if (_competitorBid != 0)
        {
            _engine.Cancel(_competitorBid, time, _events);
            _engine.Cancel(_competitorAsk, time, _events);
        }

        long mid = (long)Math.Round(_lastMidTicks);
        long half = _p.Competitor.HalfSpreadTicks;
        _competitorBid = _nextId++;
        _competitorAsk = _nextId++;
        _engine.Submit(new OrderRequest(_competitorBid, CompetitorOwner, Side.Buy, OrderType.PostOnly, mid - half, _p.Competitor.Size, time), _events);
        _engine.Submit(new OrderRequest(_competitorAsk, CompetitorOwner, Side.Sell, OrderType.PostOnly, mid + half, _p.Competitor.Size, time), _events);
        Drain();
    }

    private void TakeLiquidity(int owner, Side side, long size)
    {
        BookLevel touch = _engine.Best(side.Opposite());
        if (touch.IsEmpty)
        {
            return; // nothing to trade against: the order is not sent
        }

        // A market order with price protection, as exchanges apply it: an IOC limit at most
        // SweepLimitTicks from the last trade. Measured from the touch instead, a lone order left
        // far away on an emptied side would be the touch, get lifted, and drag the price to it.
        long limit = side == Side.Buy ? _lastTradeTicks + _p.SweepLimitTicks : Math.Max(1, _lastTradeTicks - _p.SweepLimitTicks);
        if (side == Side.Buy ? touch.Price > limit : touch.Price < limit)
        {
            return; // the whole side is beyond the band: the exchange would reject it
        }

        double before = Observer is null ? 0 : MidTicks();
        Send(new OrderRequest(_nextId++, owner, side, OrderType.ImmediateOrCancel, limit, size, Nanos()));

        // Every market order excites the flow: a jump of n·β in the noise market-order intensity.
        _excitation += _p.Clustering.BranchingRatio * _p.Clustering.Decay;
        Observer?.OnMarketOrder(_clock, side, size, before, MidTicks());
    }

    private bool Send(in OrderRequest order)
    {
        OrderRejectReason reason = _engine.Submit(order, _events);
        Drain();
        return reason == OrderRejectReason.None;
    }

    private void Perform(in ScheduledAction action)
    {
        long time = Nanos();
        switch (action.Kind)
        {
            case ActionKind.Submit:
                if (_engine.Submit(new OrderRequest(action.Id, OurOwner, action.Side, OrderType.PostOnly, action.Price, action.Lots, time), _events) == OrderRejectReason.None)
                {
                    _ourOrders[action.Id] = action.Side;
                }
                else
                {
                    OrdersRefusedAsCrossing++;
                }

                break;
            case ActionKind.Cancel:
                if (_ourOrders.Remove(action.Id))
                {
                    _engine.Cancel(action.Id, time, _events);
                }

                break;
            case ActionKind.Reduce:
                if (_ourOrders.ContainsKey(action.Id) && _engine.TryGetOrder(action.Id, out RestingOrder resting) && action.Lots < resting.Remaining)
                {
                    _engine.Amend(action.Id, resting.Price, action.Lots, time, _events);
                }

                break;
        }

        Drain();
    }

    /// <summary>Reads what the engine reported: our fills, noise orders gone, trades and the new top of book.</summary>
    private void Drain()
    {
        Listener?.OnEvents(_events.Events, _clock);
        foreach (ref readonly MatchingEvent e in _events.Events)
        {
            if (e.Kind != MatchingEventKind.Trade)
            {
                continue;
            }

            long bought = e.Side == Side.Buy ? e.Size : -e.Size;
            _positions[e.Owner] += bought;
            _positions[e.MakerOwner] -= bought;

            if (e.MakerOwner == NoiseOwner && !_engine.TryGetOrder(e.MakerOrderId, out _))
            {
                _noiseOrders.Remove(e.MakerOrderId);
            }
            else if (e.MakerOwner == OurOwner)
            {
                Side ours = e.Side.Opposite();
                double price = e.Price * _tick;
                double quantity = e.Size * _lot;
                _fills?.Add(new Fill(_clock, e.MakerOrderId, ours, price, quantity, Instrument.Fee(price, quantity, isMaker: true), IsMaker: true, Mid));
                if (!_engine.TryGetOrder(e.MakerOrderId, out _))
                {
                    _ourOrders.Remove(e.MakerOrderId);
                }
            }

            _lastTradeTicks = e.Price;
            Observer?.OnTrade(_clock, e.Side, e.Price, e.Size);
            Features?.OnTrade(new MarketEvent(e.Time, e.Time, MarketEventKind.Trade, e.Side, e.Price, e.Size, e.OrderId, EventMarkers.None));
        }

        _events.Clear();
        RecordTop();
        Features?.OnBook(Nanos(), _engine);
    }

    private void RecordTop()
    {
        BookLevel bid = _engine.Best(Side.Buy);
        BookLevel ask = _engine.Best(Side.Sell);
        if (!bid.IsEmpty && !ask.IsEmpty)
        {
            double mid = (bid.Price + ask.Price) * 0.5;
            if (mid != _lastMidTicks)
            {
                MomentumAverageNow(); // the old mid held until now
                _lastMidTicks = mid;
            }
        }

        int last = (_topHead + _topCount - 1) % TopHistory;
        if (_topCount > 0 && _topBids[last] == bid.Price && _topAsks[last] == ask.Price)
        {
            return;
        }

        int at = (_topHead + _topCount) % TopHistory;
        if (_topCount == TopHistory)
        {
            _topHead = (_topHead + 1) % TopHistory;
            at = (_topHead + TopHistory - 1) % TopHistory;
        }
        else
        {
            _topCount++;
        }

        _topTimes[at] = _clock;
        _topBids[at] = bid.Price;
        _topAsks[at] = ask.Price;
        _volatility.Update(Nanos(), _lastMidTicks);
        Observer?.OnTopOfBook(_clock, bid.Price, ask.Price);
    }

    /// <summary>The top of book as we see it: the last one recorded at least one feed latency ago.</summary>
    private (long Bid, long Ask) SeenTop()
    {
        double seen = _clock - _p.Latency.Feed;
        for (int k = _topCount - 1; k >= 0; k--)
        {
            int i = (_topHead + k) % TopHistory;
            if (_topTimes[i] <= seen || k == 0)
            {
                return (_topBids[i], _topAsks[i]);
            }
        }

        return (0, 0);
    }

    /// <summary>The best price a passive order of <paramref name="side"/> can take: one tick inside the other side's touch.</summary>
    private long PassiveLimit(Side side)
    {
        BookLevel other = _engine.Best(side.Opposite());
        if (other.IsEmpty)
        {
            return side == Side.Buy ? long.MaxValue : long.MinValue;
        }

        return side == Side.Buy ? other.Price - 1 : other.Price + 1;
    }

    /// <summary>The mid in ticks; when a sweep has emptied a side, the last trade price (where the market now is).</summary>
    private double MidTicks()
    {
        BookLevel bid = _engine.Best(Side.Buy);
        BookLevel ask = _engine.Best(Side.Sell);
        return !bid.IsEmpty && !ask.IsEmpty ? (bid.Price + ask.Price) * 0.5 : _lastTradeTicks;
    }

    /// <summary>A symmetric starting book: a few lots on each of 20 levels either side of the initial price.</summary>
    private void SeedBook()
    {
        long time = Nanos();
        for (int k = 1; k <= 20; k++)
        {
            foreach (Side side in new[] { Side.Buy, Side.Sell })
            {
                long id = _nextId++;
                long price = side == Side.Buy ? _startTicks - k : _startTicks + k;
                long size = 1 + _random.NextGeometricLog(_limitSizeLog);
                if (Send(new OrderRequest(id, NoiseOwner, side, OrderType.Limit, price, size, time)))
                {
                    _noiseOrders.Add(id);
                }
            }
        }
    }

    private void Schedule(in ScheduledAction action)
    {
        int at = _scheduled.Count;
        while (at > 0 && _scheduled[at - 1].Time > action.Time)
        {
            at--;
        }

        _scheduled.Insert(at, action);
    }

    /// <summary>A latency draw: a recorded sample when there are any, else the value, lognormal around it with the jitter as log-std.</summary>
    private double Delay(double seconds)
    {
        double[] samples = _p.Latency.Samples;
        if (samples.Length > 0)
        {
            return samples[_random.NextInt(samples.Length)];
        }

        return _p.Latency.Jitter > 0 && seconds > 0 ? seconds * Math.Exp(_p.Latency.Jitter * _random.NextNormal()) : seconds;
    }

    private long Nanos() => (long)((_clock + _p.WarmUp) * 1e9);

    private enum ActionKind
    {
        Submit,
        Cancel,
        Reduce,
    }

    private readonly record struct ScheduledAction(double Time, ActionKind Kind, long Id, Side Side, long Price, long Lots);
}
