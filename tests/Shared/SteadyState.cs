namespace MarketMaking.Tests.Samples;

/// <summary>
/// What code allocates once warm, measured so the runtime's own one-off allocations cannot fail a
/// test: the JIT's tiering (call counting, on-stack replacement, installing tier-1 code) can
/// allocate on the calling thread in the middle of a loop, later when the machine is loaded.
/// </summary>
internal static class SteadyState
{
    /// <summary>
    /// Runs a full warm-up pass, then up to <paramref name="attempts"/> measured passes on this thread
    /// and returns the fewest bytes any of them allocated (stopping at the first that allocated none).
    /// The minimum is sound: code that allocates per event allocates in every pass, while the
    /// runtime's allocations happen a bounded number of times. <paramref name="pass"/> gets the pass
    /// number (0 = warm-up) so stateful code can be fed fresh input; <paramref name="prepare"/>, when
    /// given, runs before each pass, unmeasured (opening a file, say).
    /// </summary>
    public static long AllocatedBytes(Action<int> pass, int attempts = 5, Action<int>? prepare = null)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        prepare?.Invoke(0);
        pass(0);
        long fewest = long.MaxValue;
        for (int attempt = 1; attempt <= attempts && fewest > 0; attempt++)
        {
            prepare?.Invoke(attempt);
            long before = GC.GetAllocatedBytesForCurrentThread();
            pass(attempt);
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }

    /// <summary>As <see cref="AllocatedBytes(Action{int}, int)"/> for a pass that needs no pass number.</summary>
    public static long AllocatedBytes(Action pass, int attempts = 5)
    {
        ArgumentNullException.ThrowIfNull(pass);
        return AllocatedBytes(_ => pass(), attempts);
    }
}
