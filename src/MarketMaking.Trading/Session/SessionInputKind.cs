namespace MarketMaking.Trading.Session;

/// <summary>What arrived in the session's inbox.</summary>
internal enum SessionInputKind
{
    /// <summary>A public market-data message.</summary>
    Market,

    /// <summary>An order update, execution or stream status from the private stream.</summary>
    Private,

    /// <summary>The venue's answer to one of our requests.</summary>
    Reply,

    /// <summary>A reconciliation snapshot (Value: local time it was asked for).</summary>
    Snapshot,

    /// <summary>The venue's clock (Value: its time; Extra: our time halfway through the request).</summary>
    Clock,

    /// <summary>The timer.</summary>
    Tick,

    /// <summary>Stop (a signal, or the end of the duration).</summary>
    Stop,

    /// <summary>A background task failed (Payload: the exception).</summary>
    Failure,

    /// <summary>An operator pauses quoting (every order cancelled) or, with Value 1, resumes it.</summary>
    Pause,
}
