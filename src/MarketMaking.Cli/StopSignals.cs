using System.Runtime.InteropServices;

namespace MarketMaking.Cli;

/// <summary>
/// SIGINT and SIGTERM for a command that stops on its cancellation token. The first signal cancels
/// the token and the command ends its own way, however long that takes (mm trade's shutdown waits
/// for its cancels up to --shutdown-timeout): System.CommandLine's own handling ended the process
/// 2 s after the signal, whatever the command was doing. A later signal goes to the system's
/// default (the process ends at once), the way out of a command that hangs, unless the command
/// swallows it too (mm trade, whose every signal asks the session to stop).
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public StopSignals()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Set only, never cleared: another handler of the same signal may have kept it from the system.
        if (!_stop.IsCancellationRequested)
        {
            context.Cancel = true;
            _stop.Cancel();
        }
    }
}
