namespace MarketMaking.Trading.Session;

/// <summary>
/// How soon a request the venue left unanswered goes again. While the venue is unreachable every
/// retry comes back unanswered too: retried at once, a session's cancels went out on every timer
/// tick and each journaled a fault. Retries wait instead, in rounds: the first round after
/// <see cref="First"/>, each next one twice as long up to <see cref="Longest"/>; an answer from the
/// venue (or its streams coming back) ends the outage and the next retry goes at once. Each request
/// is reported unanswered once per outage; the rest are only counted. Owned by the session's thread.
/// </summary>
internal sealed class RetryBackoff
{
    /// <summary>The wait before the first round of retries.</summary>
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(125);

    /// <summary>The longest wait between two rounds.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(4);

    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private long _delay = First.Ticks * 100;
    private long _nextAt;

    /// <summary>Retries wait until this time (ns).</summary>
    public long NextAt => _nextAt;

    /// <summary>Unanswered requests not reported since the outage began (they only counted).</summary>
    public long Unreported { get; private set; }

    /// <summary>
    /// A request (<paramref name="key"/>: its kind and link id) came back unanswered at <paramref name="now"/>:
    /// a new round starts unless one is waiting already. True the first time this outage for that request (report it).
    /// </summary>
    public bool Unanswered(string key, long now)
    {
        if (now >= _nextAt)
        {
            _nextAt = now + _delay;
            _delay = Math.Min(_delay * 2, Longest.Ticks * 100);
        }

        if (_reported.Add(key))
        {
            return true;
        }

        Unreported++;
        return false;
    }

    /// <summary>The venue answered: retries go at once again. Returns how many unanswered requests went unreported (0: nothing to say).</summary>
    public long Answered()
    {
        long unreported = Unreported;
        _delay = First.Ticks * 100;
        _nextAt = 0;
        _reported.Clear();
        Unreported = 0;
        return unreported;
    }
}
