using System.Globalization;

namespace MarketMaking.Trading.Session;

/// <summary>
/// Whether the venue can be reached, as the session's two connections to it tell: the public stream
/// (down from a disconnection to its next book message) and the private stream (down until it
/// reports up again). The venue is lost when the first of them goes and back when both are; while
/// it is gone a line every <see cref="ReportEvery"/> says so, so a session whose venue went away
/// does not fall silent while its connections retry. Each method returns the line to report, or
/// null when there is nothing new to say. Owned by the session's thread.
/// </summary>
internal sealed class VenueOutage(string venue)
{
    /// <summary>How often a lost venue is reported again.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    private const long NanosPerSecond = 1_000_000_000;

    private bool _publicDown;
    private bool _privateDown;
    private long _since;
    private long _reported;

    /// <summary>True while either connection is down.</summary>
    public bool IsLost => _publicDown || _privateDown;

    /// <summary>True while the public stream is down (checked on every book message: a field, no call).</summary>
    public bool PublicDown => _publicDown;

    /// <summary>A connection went down at <paramref name="now"/> (ns) for <paramref name="reason"/>: a line when the venue was reachable until now.</summary>
    public string? Lose(bool privateStream, string reason, long now)
    {
        bool wasLost = IsLost;
        if (privateStream)
        {
            _privateDown = true;
        }
        else
        {
            _publicDown = true;
        }

        if (wasLost)
        {
            return null;
        }

        _since = _reported = now;
        return $"{venue} lost: {(privateStream ? "private" : "public")} stream down ({reason})";
    }

    /// <summary>A connection is up again at <paramref name="now"/>: a line when that makes the venue reachable again.</summary>
    public string? Restore(bool privateStream, long now)
    {
        bool wasLost = IsLost;
        if (privateStream)
        {
            _privateDown = false;
        }
        else
        {
            _publicDown = false;
        }

        return wasLost && !IsLost
            ? string.Create(CultureInfo.InvariantCulture, $"{venue} back after {(now - _since) / (double)NanosPerSecond:0.#} s")
            : null;
    }

    /// <summary>On the session's timer: a line when the venue has been gone another <see cref="ReportEvery"/> since the last one.</summary>
    public string? Report(long now)
    {
        if (!IsLost || now - _reported < ReportEvery.Ticks * 100)
        {
            return null;
        }

        _reported = now;
        return string.Create(CultureInfo.InvariantCulture, $"{venue} unreachable for {(now - _since) / NanosPerSecond} s, retrying");
    }
}
