using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Portfolio;

/// <summary>
/// A multi-instrument run: one <see cref="TradingSession"/> per instrument (each its own venue
/// connection, order manager, risk gate and journal) in one process, under one set of portfolio
/// limits. They run concurrently; a stop reaches them all, and a session that fails stops the
/// others (each then cancels its orders and writes its final state) before the failure is raised.
/// </summary>
public sealed class PortfolioSession
{
    private readonly IReadOnlyList<TradingSession> _sessions;
    private readonly PortfolioRisk _risk;

    /// <param name="sessions">One per instrument, in <paramref name="risk"/>'s order, each with its seat in <paramref name="risk"/>.</param>
    public PortfolioSession(IReadOnlyList<TradingSession> sessions, PortfolioRisk risk)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        _risk = risk ?? throw new ArgumentNullException(nameof(risk));
        if (sessions.Count != risk.Symbols.Count)
        {
            throw new ArgumentException($"one session per instrument: {risk.Symbols.Count} instruments, {sessions.Count} sessions", nameof(sessions));
        }

        _sessions = sessions;
    }

    public IReadOnlyList<TradingSession> Sessions => _sessions;

    public PortfolioRisk Risk => _risk;

    /// <summary>Asks every session to end cleanly (cancel, confirm, write).</summary>
    public void RequestStop()
    {
        foreach (TradingSession session in _sessions)
        {
            session.RequestStop();
        }
    }

    /// <summary>Runs every session to its end; the results are in instrument order.</summary>
    public async Task<PortfolioResult> RunAsync(CancellationToken stop = default)
    {
        Task<SessionResult>[] running = [.. _sessions.Select(s => Task.Run(() => s.RunAsync(stop), CancellationToken.None))];
        var pending = running.ToList();
        while (pending.Count > 0)
        {
            Task<SessionResult> done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            if (!done.IsCompletedSuccessfully)
            {
                RequestStop();
            }
        }

        if (running.FirstOrDefault(t => !t.IsCompletedSuccessfully) is { } failed)
        {
            await failed.ConfigureAwait(false); // raises its exception
        }

        return new PortfolioResult([.. _risk.Symbols], [.. running.Select(t => t.Result)], _risk.State());
    }
}
