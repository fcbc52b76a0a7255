using MarketMaking.Core.MarketData;

namespace MarketMaking.Venue.Markets;

/// <summary>
/// The recordings behind one or several <see cref="ReplayVenueMarket"/>s, on one clock: events in
/// the merged receive-time order (<see cref="MergedMarketEvents"/>'s), each with the index of the
/// market it belongs to. Advancing any of the markets replays every recording up to that time in
/// that order, so instruments that share a clock see each other's messages exactly as received.
/// </summary>
internal sealed class ReplayTape
{
    private readonly MarketEvent[] _events;
    private readonly int[]? _markets;
    private readonly long _origin;
    private ReplayVenueMarket[] _listeners = [];
    private int _next;

    /// <param name="events">Every recording's events in the merged receive-time order.</param>
    /// <param name="markets">The market index of each event (null: all belong to market 0).</param>
    public ReplayTape(MarketEvent[] events, int[]? markets)
    {
        _events = events;
        _markets = markets;
        _origin = events[0].LocalTime;
    }

    /// <summary>Market time, seconds after the first event's receive time.</summary>
    public double Time { get; private set; }

    /// <summary>The exchange time of the first event of market <paramref name="index"/> (its exchange's clock before anything happened).</summary>
    public long FirstExchangeTime(int index)
    {
        for (int k = 0; k < _events.Length; k++)
        {
            if ((_markets?[k] ?? 0) == index)
            {
                return _events[k].ExchangeTime;
            }
        }

        throw new ArgumentException($"no event belongs to market {index}", nameof(index));
    }

    /// <summary>How many events belong to market <paramref name="index"/>.</summary>
    public int Count(int index) => _markets is null ? _events.Length : _markets.Count(m => m == index);

    public void Attach(ReplayVenueMarket[] markets) => _listeners = markets;

    /// <summary>Replays every event received by <paramref name="time"/>, each in its own market, then ends every market's step.</summary>
    public void AdvanceTo(double time)
    {
        if (time <= Time)
        {
            return;
        }

        Time = time;
        long until = _origin + (long)(time * 1e9);
        while (_next < _events.Length && _events[_next].LocalTime <= until)
        {
            _listeners[_markets?[_next] ?? 0].Replay(in _events[_next]);
            _next++;
        }

        foreach (ReplayVenueMarket market in _listeners)
        {
            market.EndStep();
        }
    }
}
