using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace MarketMaking.Benchmarks;

/// <summary>
/// How long this host keeps a process's working set in cache while the process keeps its core busy
/// and makes no system call: touch a set of cache lines in a random order (a pointer chase, so each
/// load waits for the one before and the time is latency), spin on <c>pause</c> for a while, touch
/// the set again and time it. On a core of its own the second touch costs what the first did,
/// whatever the wait; on a shared host other tenants and the hypervisor evict the lines within
/// milliseconds, and a path that runs after a quiet spell pays for what it touches (tick-to-order's
/// grouping by the time since the request before shows the same). Run it confined to one processor
/// (<c>taskset -c 0</c>) so the scheduler moving it is not what is measured.
/// </summary>
internal static class CacheDecay
{
    private const int LineBytes = 64;
    private const int IntsPerLine = LineBytes / sizeof(int);
    private static readonly double[] WaitsMs = [0.01, 0.1, 0.3, 1, 3, 10, 30];
    private static int s_sink; // the walks' results go somewhere, so no walk is dropped as unused

    public static void Run(IReadOnlyList<int> kilobytes, int repetitions)
    {
        Console.WriteLine($"cache decay: a pointer chase over each working set after spinning (no system call) for each wait; {repetitions} repetitions; processors available: {Environment.ProcessorCount}");
        Console.WriteLine("set       wait ms   median ns/line   p90 ns/line   × the shortest wait");
        var times = new long[repetitions];
        foreach (int kb in kilobytes)
        {
            int[] chase = Chase(kb * 1024 / LineBytes, seed: 1);
            double first = 0;
            foreach (double wait in WaitsMs)
            {
                long spin = (long)(wait / 1000 * Stopwatch.Frequency);
                for (int r = 0; r < repetitions; r++)
                {
                    s_sink += Walk(chase); // warm
                    long until = Stopwatch.GetTimestamp() + spin;
                    while (Stopwatch.GetTimestamp() < until)
                    {
                        Thread.SpinWait(1);
                    }

                    long start = Stopwatch.GetTimestamp();
                    s_sink += Walk(chase);
                    times[r] = Stopwatch.GetTimestamp() - start;
                }

                Array.Sort(times);
                double lines = chase.Length / IntsPerLine;
                double median = times[repetitions / 2] * 1e9 / Stopwatch.Frequency / lines;
                double p90 = times[repetitions * 9 / 10] * 1e9 / Stopwatch.Frequency / lines;
                first = first == 0 ? median : first;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kb,5} KB {wait,9:0.##} {median,16:F1} {p90,13:F1} {median / first,20:F1}"));
            }
        }
    }

    /// <summary>
    /// One int per cache line holds the index of the next line's, the lines in a random order that
    /// visits each once before it comes back (Sattolo's shuffle: a single cycle), so the hardware
    /// prefetcher cannot guess the next.
    /// </summary>
    internal static int[] Chase(int lines, int seed)
    {
        var order = new int[lines];
        for (int i = 0; i < lines; i++)
        {
            order[i] = i;
        }

        var random = new Random(seed);
        for (int i = lines - 1; i > 0; i--)
        {
            int j = random.Next(i); // j < i: Sattolo's, one cycle through every line
            (order[i], order[j]) = (order[j], order[i]);
        }

        int[] chase = GC.AllocateArray<int>(lines * IntsPerLine, pinned: true);
        for (int i = 0; i < lines; i++)
        {
            chase[i * IntsPerLine] = order[i] * IntsPerLine;
        }

        return chase;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimized from the first call: the first wait is not timed at tier 0
    private static int Walk(int[] chase)
    {
        int at = 0;
        for (int n = chase.Length / IntsPerLine; n > 0; n--)
        {
            at = chase[at];
        }

        return at;
    }
}
