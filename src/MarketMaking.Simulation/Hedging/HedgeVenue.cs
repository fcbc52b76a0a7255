using MarketMaking.Core.Books;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Exchange;

namespace MarketMaking.Simulation.Hedging;

/// <summary>
/// Sources on one clock (index 0 quoted, 1… the hedges), merged by receive time: the quoted
/// instrument's messages go on to its replay one message per read, while each hedge instrument's
/// events rebuild its book here. So when the replay decides at the end of a message, the hedge
/// book holds exactly what had been received before that message: no look-ahead. Taker hedges
/// travel with the entry latency and cross the hedge book as it stands at the first hedge message
/// received at or after their arrival (the recording cannot react to them, so the
/// levels they take are not removed). Arrival is on the receive clock the two files share
/// (decision time + latency against each hedge message's receive time): a recorder's clock can be
/// far from the exchange's (Binance's files receive 1.27 s before their exchange stamps), so the
/// exchange times of two venues say nothing about when our order got there.
/// </summary>
public sealed class HedgeVenue : IMarketEventSource
{
    private const int BufferSize = 4096;
    private const int MaxPending = 16;

    private readonly MergedMarketEvents _merged;
    private readonly ILatencyModel _latency;
    private readonly OrderBook[] _books;
    private readonly bool[] _hedgeMessageOpen;
    private readonly MarketEvent[] _events = new MarketEvent[BufferSize];
    private readonly int[] _sources = new int[BufferSize];
    private readonly List<PendingHedge> _pending = new(MaxPending);
    private readonly List<HedgeExecution> _executions = new(1024);
    private int _position;
    private int _count;

    /// <param name="merged">Two sources: the quoted instrument first, the hedge instrument second.</param>
    /// <param name="hedgeInstrument">The hedge instrument with the taker fee its hedges pay (its grid must be the data's).</param>
    /// <param name="latency">Entry latency of the hedge orders (its own seeded model, so the quoted replay draws as without them).</param>
    public HedgeVenue(MergedMarketEvents merged, Instrument hedgeInstrument, ILatencyModel latency)
        : this(merged, [hedgeInstrument ?? throw new ArgumentNullException(nameof(hedgeInstrument))], latency)
    {
    }

    /// <param name="merged">The quoted instrument first, then one source per hedge instrument.</param>
    /// <param name="hedgeInstruments">The hedge instruments in source order, each with the taker fee its hedges pay.</param>
    /// <param name="latency">Entry latency of the hedge orders.</param>
    public HedgeVenue(MergedMarketEvents merged, IReadOnlyList<Instrument> hedgeInstruments, ILatencyModel latency)
    {
        _merged = merged ?? throw new ArgumentNullException(nameof(merged));
        ArgumentNullException.ThrowIfNull(hedgeInstruments);
        _latency = latency ?? throw new ArgumentNullException(nameof(latency));
        if (hedgeInstruments.Count < 1 || merged.Instruments.Count != hedgeInstruments.Count + 1)
        {
            throw new ArgumentException("a hedge venue merges the quoted source, then one source per hedge instrument", nameof(merged));
        }

        if (hedgeInstruments.Any(h => !h.HasPriceGrid))
        {
            throw new ArgumentException("a hedge instrument needs a tick size", nameof(hedgeInstruments));
        }

        HedgeInstruments = [.. hedgeInstruments];
        _books = [.. hedgeInstruments.Select(_ => new OrderBook())];
        _hedgeMessageOpen = new bool[hedgeInstruments.Count];
    }

    /// <summary>The quoted instrument (the events this source hands on).</summary>
    public Instrument Instrument => _merged.Instruments[0];

    /// <summary>The hedge instruments, in source order.</summary>
    public IReadOnlyList<Instrument> HedgeInstruments { get; }

    /// <summary>The first hedge instrument.</summary>
    public Instrument HedgeInstrument => HedgeInstruments[0];

    /// <summary>The first hedge's book as received so far.</summary>
    public IOrderBookView HedgeBook => _books[0];

    public double HedgeBid => _books[0].LevelCount(Side.Buy) > 0 ? _books[0].Best(Side.Buy).Price * HedgeInstrument.TickSize : double.NaN;

    public double HedgeAsk => _books[0].LevelCount(Side.Sell) > 0 ? _books[0].Best(Side.Sell).Price * HedgeInstrument.TickSize : double.NaN;

    /// <summary>The first hedge's mid; NaN while a side is empty.</summary>
    public double HedgeMid => MidOf(0);

    /// <summary>Hedge <paramref name="hedge"/>'s mid; NaN while a side is empty.</summary>
    public double MidOf(int hedge) => _books[hedge].Mid * HedgeInstruments[hedge].TickSize;

    /// <summary>Events of the hedge instruments read so far.</summary>
    public long HedgeEvents { get; private set; }

    /// <summary>Local time of the last quoted event handed on (ns): the replay's clock.</summary>
    public long LocalTime { get; private set; }

    /// <summary>Hedges done so far, in execution order.</summary>
    public IReadOnlyList<HedgeExecution> Executions => _executions;

    /// <summary>Hedges that arrived at an empty side and took nothing.</summary>
    public int Unfilled { get; private set; }

    /// <summary>Hedges still travelling.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>
    /// Sends a taker order of <paramref name="quantity"/> (positive) on hedge <paramref name="hedge"/>
    /// decided at local time <paramref name="decidedAt"/>; it reaches the venue one entry latency later.
    /// </summary>
    public void SendTaker(Side side, double quantity, long decidedAt, double beta, double betaError, int hedge = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (_pending.Count == MaxPending)
        {
            throw new InvalidOperationException($"at most {MaxPending} hedges can travel at once");
        }

        _pending.Add(new PendingHedge(decidedAt, decidedAt + _latency.OrderEntry(), side, quantity, MidOf(hedge), beta, betaError, hedge));
    }

    public int Read(Span<MarketEvent> buffer)
    {
        int written = 0;
        while (written < buffer.Length)
        {
            if (_position == _count)
            {
                _count = _merged.Read(_events, _sources);
                _position = 0;
                if (_count == 0)
                {
                    break;
                }
            }

            MarketEvent e = _events[_position];
            int source = _sources[_position++];
            if (source > 0)
            {
                int hedge = source - 1;
                if (!_hedgeMessageOpen[hedge] && _pending.Count > 0)
                {
                    ExecuteArrived(e.LocalTime, hedge);
                }

                _books[hedge].Apply(in e);
                HedgeEvents++;
                _hedgeMessageOpen[hedge] = !e.IsEndOfBatch;
                continue;
            }

            buffer[written++] = e;
            LocalTime = e.LocalTime;
            if (e.IsEndOfBatch)
            {
                break; // one quoted message per read: the hedge book must not run ahead of the replay
            }
        }

        return written;
    }

    public void Dispose() => _merged.Dispose();

    /// <summary>Every hedge travelling to <paramref name="hedge"/> that has arrived by <paramref name="time"/> (receive clock) crosses its book as it stands.</summary>
    private void ExecuteArrived(long time, int hedge)
    {
        for (int i = 0; i < _pending.Count; i++)
        {
            PendingHedge p = _pending[i];
            if (p.Hedge != hedge || p.ArrivesAt > time)
            {
                continue;
            }

            _pending.RemoveAt(i--);
            Execute(p, time);
        }
    }

    private void Execute(in PendingHedge p, long time)
    {
        Instrument instrument = HedgeInstruments[p.Hedge];
        TakerSweep sweep = TakerSweep.Take(_books[p.Hedge], p.Side, instrument.ToLots(p.Quantity));
        if (sweep.Lots == 0)
        {
            Unfilled++; // an empty side: nothing to take; the hedger decides again
            return;
        }

        double tick = instrument.TickSize;
        double quantity = instrument.ToQuantity(sweep.Lots);
        double average = sweep.NotionalTicks / sweep.Lots * tick;
        _executions.Add(new HedgeExecution(
            p.DecidedAt, time, p.Side, p.Quantity, quantity, average, sweep.TouchTicks * tick, p.MidAtDecision, MidOf(p.Hedge),
            instrument.Fee(average, quantity, isMaker: false), sweep.Levels, p.Beta, p.BetaError, p.Hedge));
    }
}
