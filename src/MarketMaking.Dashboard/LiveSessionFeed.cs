using MarketMaking.Trading.Monitoring;
using MarketMaking.Trading.Session;

namespace MarketMaking.Dashboard;

/// <summary>A running session: its monitor's snapshots, and the operator's actions sent to its inbox.</summary>
public sealed class LiveSessionFeed(TradingSession session) : ISessionFeed
{
    private readonly TradingSession _session = session ?? throw new ArgumentNullException(nameof(session));

    public bool IsLive => true;

    public SessionInfo? Info => _session.Monitor.Info;

    public SessionSnapshot? Latest => _session.Monitor.Latest;

    public DashboardHistory? Recorded => null;

    public long ReadLatencies(long from, ICollection<double> seconds) => _session.Monitor.ReadLatencies(from, seconds);

    public void PauseQuoting() => _session.Pause();

    public void ResumeQuoting() => _session.Resume();

    public void Kill(string reason) => _session.Kill(reason);
}
