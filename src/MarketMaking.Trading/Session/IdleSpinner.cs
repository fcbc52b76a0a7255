using System.Runtime.InteropServices;
using MarketMaking.Core.Errors;

namespace MarketMaking.Trading.Session;

/// <summary>
/// Keeps the processors this process may run on out of their idle state: one thread per processor,
/// at Linux's idle scheduling class (<c>SCHED_IDLE</c>), yields to the kernel in a loop. A processor
/// that went idle between two market messages wakes for the next one in tens of microseconds (a
/// C-state's exit; on a virtual machine the host's halted vCPU, rescheduled with cold caches); a
/// processor running an idle-class thread is never idle, and any other thread takes it at once
/// (the idle class runs only when nothing else wants the processor). The cost: those processors
/// are busy all the time (power, heat, and a hyper-threaded sibling's share of its core), so this is
/// for processors given to the engine alone (<c>taskset</c>), as trading systems pin theirs.
/// Shared by every session of the process: the threads run while at least one lease is held.
/// </summary>
public static class IdleSpinner
{
    /// <summary>The name the spinning threads carry (as the system shows them: /proc/PID/task/TID/comm).</summary>
    public const string ThreadName = "idle spinner";

    private const int SchedulerIdleClass = 5; // SCHED_IDLE in <sched.h>

    private static readonly Lock Gate = new();
    private static int _leases;
    private static volatile bool _running;
    private static Thread[] _threads = [];
    private static int _refused;

    /// <summary>Starts the spinning threads unless another lease already did; disposing the lease stops them with the last one.</summary>
    /// <exception cref="InvalidParameterException">Not on Linux (the idle scheduling class is Linux's), or the system refused the class (the option named is keep-core-awake).</exception>
    public static IDisposable Acquire()
    {
        RequireSupported();
        lock (Gate)
        {
            if (_leases++ == 0 && !Start())
            {
                _leases = 0;
                throw new InvalidParameterException("keep-core-awake", "the system refused a thread the idle scheduling class (SCHED_IDLE)");
            }
        }

        return new Lease();
    }

    /// <exception cref="InvalidParameterException">Not on Linux: the idle scheduling class is Linux's.</exception>
    public static void RequireSupported()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidParameterException("keep-core-awake", "needs Linux's idle scheduling class (SCHED_IDLE): not available on this system");
        }
    }

    /// <summary>Starts the threads; false (none left running) when one could not take the idle class: it would spin at the engine's own priority.</summary>
    private static bool Start()
    {
        _running = true;
        _refused = 0;
        using var ready = new CountdownEvent(Environment.ProcessorCount);
        _threads = new Thread[Environment.ProcessorCount];
        for (int i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(() => Spin(ready)) { IsBackground = true, Name = ThreadName };
            _threads[i].Start();
        }

        // Every thread is in the idle class (or has given up) before the lease is handed out.
        ready.Wait();
        if (Volatile.Read(ref _refused) == 0)
        {
            return true;
        }

        Stop();
        return false;
    }

    private static void Spin(CountdownEvent ready)
    {
        int priority = 0; // the only one the idle class has
        if (Native.sched_setscheduler(0, SchedulerIdleClass, ref priority) != 0)
        {
            Interlocked.Increment(ref _refused);
            ready.Signal();
            return;
        }

        ready.Signal();

        // In the kernel most of the time: the collector never waits for this thread to reach a safe point.
        while (_running)
        {
            _ = Native.sched_yield();
        }
    }

    private static void Release()
    {
        lock (Gate)
        {
            if (--_leases > 0)
            {
                return;
            }

            Stop();
        }
    }

    private static void Stop()
    {
        _running = false;
        foreach (Thread thread in _threads)
        {
            thread.Join();
        }

        _threads = [];
    }

    private sealed class Lease : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Release();
            }
        }
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int sched_setscheduler(int pid, int policy, ref int param);

        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int sched_yield();
    }
}
