using MarketMaking.Trading.Monitoring;

namespace MarketMaking.Dashboard;

/// <summary>What the dashboard shows: a running session (live, with actions) or a finished one read from its journal.</summary>
public interface ISessionFeed
{
    /// <summary>True for a running session: updates are pushed and the actions work.</summary>
    bool IsLive { get; }

    SessionInfo? Info { get; }

    SessionSnapshot? Latest { get; }

    /// <summary>The whole history when it is known in advance (a journal); null for a live session, whose history the server gathers.</summary>
    DashboardHistory? Recorded { get; }

    /// <summary>Adds the tick-to-order samples (seconds) recorded from number <paramref name="from"/> on; returns where to read next time.</summary>
    long ReadLatencies(long from, ICollection<double> seconds);

    void PauseQuoting();

    void ResumeQuoting();

    void Kill(string reason);
}
