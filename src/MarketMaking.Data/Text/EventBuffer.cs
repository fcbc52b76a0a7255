using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Text;

/// <summary>
/// Events a parser has produced and the reader has not handed out yet. Events of a message stay
/// uncommitted (invisible to <see cref="Drain"/>) until the message is known to be good, so a bad
/// message can be taken back whole.
/// </summary>
internal sealed class EventBuffer
{
    private MarketEvent[] _events = new MarketEvent[4096];
    private int _start;
    private int _committed;
    private int _end;

    /// <summary>Committed events not yet drained.</summary>
    public int Committed => _committed - _start;

    public void Add(long exchangeTime, long localTime, MarketEventKind kind, Side side, long price, long size, long id, EventMarkers markers)
    {
        if (_end == _events.Length)
        {
            MakeRoom();
        }

        _events[_end++] = new MarketEvent(exchangeTime, localTime, kind, side, price, size, id, markers);
    }

    /// <summary>Marks the last uncommitted event as the end of its exchange message and commits.</summary>
    public void CommitBatch()
    {
        if (_end > _committed)
        {
            ref MarketEvent last = ref _events[_end - 1];
            last = last with { Markers = last.Markers | EventMarkers.EndOfBatch };
        }

        _committed = _end;
    }

    /// <summary>Drops every uncommitted event.</summary>
    public void Rollback() => _end = _committed;

    /// <summary>Drops everything, committed or not (the inference pass discards what it parses).</summary>
    public void Clear() => _start = _committed = _end = 0;

    public int Drain(Span<MarketEvent> destination)
    {
        int n = Math.Min(destination.Length, _committed - _start);
        _events.AsSpan(_start, n).CopyTo(destination);
        _start += n;
        if (_start == _end)
        {
            _start = _committed = _end = 0;
        }

        return n;
    }

    private void MakeRoom()
    {
        if (_start > 0)
        {
            Array.Copy(_events, _start, _events, 0, _end - _start);
            _committed -= _start;
            _end -= _start;
            _start = 0;
        }
        else
        {
            Array.Resize(ref _events, _events.Length * 2);
        }
    }
}
