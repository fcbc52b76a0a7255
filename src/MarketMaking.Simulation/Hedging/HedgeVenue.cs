using MarketMaking.Core.Books;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Exchange;

namespace MarketMaking.Simulation.Hedging;

/// <summary>
/// Two sources on one clock (index 0 quoted, index 1 hedge), merged by receive time: the quoted
/// instrument's messages go on to its replay one message per read, while the hedge instrument's
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
    private readonly OrderBook _book = new();
    private readonly MarketEvent[] _events = new MarketEvent[BufferSize];
    private readonly int[] _sources = new int[BufferSize];
    private readonly List<PendingHedge> _pending = new(MaxPending);
    private readonly List<HedgeExecution> _executions = new(1024);
    private int _position;
    private int _count;
    private bool _hedgeMessageOpen;

    /// <param name="merged">Two sources: the quoted instrument first, the hedge instrument second.</param>
    /// <param name="hedgeInstrument">The hedge instrument with the taker fee its hedges pay (its grid must be the data's).</param>
    /// <param name="latency">Entry latency of the hedge orders (its own seeded model, so the quoted replay draws as without hedging).</param>
    public HedgeVenue(MergedMarketEvents merged, Instrument hedgeInstrument, ILatencyModel latency)
    {
        _merged = merged ?? throw new ArgumentNullException(nameof(merged));
        HedgeInstrument = hedgeInstrument ?? throw new ArgumentNullException(nameof(hedgeInstrument));
        _latency = latency ?? throw new ArgumentNullException(nameof(latency));
        if (merged.Instruments.Count != 2)
        {
            throw new ArgumentException("a hedge venue merges exactly two sources: quoted, then hedge", nameof(merged));
        }

        if (!hedgeInstrument.HasPriceGrid)
        {
            throw new ArgumentException("the hedge instrument needs a tick size", nameof(hedgeInstrument));
        }
    }

    /// <summary>The quoted instrument (the events this source hands on).</summary>
    public Instrument Instrument => _merged.Instruments[0];

    public Instrument HedgeInstrument { get; }

    /// <summary>The hedge book as received so far.</summary>
    public IOrderBookView HedgeBook => _book;

    public double HedgeBid => _book.LevelCount(Side.Buy) > 0 ? _book.Best(Side.Buy).Price * HedgeInstrument.TickSize : double.NaN;

    public double HedgeAsk => _book.LevelCount(Side.Sell) > 0 ? _book.Best(Side.Sell).Price * HedgeInstrument.TickSize : double.NaN;

    /// <summary>The hedge mid; NaN while a side is empty.</summary>
    public double HedgeMid => _book.Mid * HedgeInstrument.TickSize;

    /// <summary>Events of the hedge instrument read so far.</summary>
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
    /// Sends a taker order of <paramref name="quantity"/> (positive) decided at local time
    /// <paramref name="decidedAt"/>; it reaches the venue one entry latency later.
    /// </summary>
    public void SendTaker(Side side, double quantity, long decidedAt, double beta, double betaError)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (_pending.Count == MaxPending)
        {
            throw new InvalidOperationException($"at most {MaxPending} hedges can travel at once");
        }

        _pending.Add(new PendingHedge(decidedAt, decidedAt + _latency.OrderEntry(), side, quantity, HedgeMid, beta, betaError));
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
            if (source == 1)
            {
                if (!_hedgeMessageOpen && _pending.Count > 0)
                {
                    ExecuteArrived(e.LocalTime);
                }

                _book.Apply(in e);
                HedgeEvents++;
                _hedgeMessageOpen = !e.IsEndOfBatch;
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

    /// <summary>Every travelling hedge that has arrived by <paramref name="time"/> (receive clock) crosses the book as it stands.</summary>
    private void ExecuteArrived(long time)
    {
        for (int i = 0; i < _pending.Count; i++)
        {
            PendingHedge p = _pending[i];
            if (p.ArrivesAt > time)
            {
                continue;
            }

            _pending.RemoveAt(i--);
            Execute(p, time);
        }
    }

    private void Execute(in PendingHedge p, long time)
    {
        TakerSweep sweep = TakerSweep.Take(_book, p.Side, HedgeInstrument.ToLots(p.Quantity));
        if (sweep.Lots == 0)
        {
            Unfilled++; // an empty side: nothing to take; the hedger decides again
            return;
        }

        double tick = HedgeInstrument.TickSize;
        double quantity = HedgeInstrument.ToQuantity(sweep.Lots);
        double average = sweep.NotionalTicks / sweep.Lots * tick;
        _executions.Add(new HedgeExecution(
            p.DecidedAt, time, p.Side, p.Quantity, quantity, average, sweep.TouchTicks * tick, p.MidAtDecision, HedgeMid,
            HedgeInstrument.Fee(average, quantity, isMaker: false), sweep.Levels, p.Beta, p.BetaError));
    }
}
