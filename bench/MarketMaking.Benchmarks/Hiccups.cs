using System.Diagnostics;
using System.Globalization;

namespace MarketMaking.Benchmarks;

/// <summary>
/// How often, and for how long, this host takes the processor away from a thread that never gives it
/// up: spin reading the clock and keep every gap between two reads longer than a microsecond (an
/// interrupt, the guest's timer, the hypervisor running something else on the core). A decision that
/// lasts <c>w</c> µs meets a gap of length <c>g</c> when it starts within <c>g + w</c> of it, so the
/// gaps say what share of decisions the host alone makes slower, whatever the engine does. Run it
/// confined to one processor (<c>taskset -c 0</c>). The guest's own interrupts on that processor are
/// read from <c>/proc/interrupts</c> before and after, to tell the guest's share of the gaps from the host's.
/// </summary>
internal static class Hiccups
{
    private const int MaxGaps = 1 << 22;
    private static readonly double[] ThresholdsUs = [1, 5, 10, 20, 30, 50, 100, 1000];
    private static readonly double[] WindowsUs = [10, 20, 50];

    public static void Run(double seconds)
    {
        long[] gaps = GC.AllocateArray<long>(MaxGaps, pinned: true); // touched before the clock starts: no page fault counts as a gap
        Array.Fill(gaps, 0);
        int processor = Thread.GetCurrentProcessorId();
        (long All, long Timer)? before = Interrupts(processor);
        long oneUs = Stopwatch.Frequency / 1_000_000;
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(seconds * Stopwatch.Frequency);
        long previous = start;
        int count = 0;
        for (long now = start; now < end; now = Stopwatch.GetTimestamp())
        {
            if (now - previous > oneUs && count < MaxGaps)
            {
                gaps[count++] = now - previous;
            }

            previous = now;
        }

        (long All, long Timer)? after = Interrupts(processor);
        double total = end - start;
        double Us(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hiccups: {seconds:0.#} s spinning on processor {processor} (processors available: {Environment.ProcessorCount}); {count:N0} gaps over 1 µs, {count / seconds:N0} a second{(count == MaxGaps ? " (the first " + MaxGaps.ToString("N0", CultureInfo.InvariantCulture) + " kept)" : "")}"));
        if (before is { } b && after is { } a)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the guest's own interrupts on that processor: {(a.All - b.All) / seconds:N0} a second, {(a.Timer - b.Timer) / seconds:N0} of them its timer's (more gaps than these are the host's)"));
        }

        Console.WriteLine($"  gap over   a second   share of the time   a decision of {string.Join(" / ", WindowsUs.Select(w => $"{w:0} µs"))} meets one");
        Span<long> kept = gaps.AsSpan(0, count);
        foreach (double threshold in ThresholdsUs)
        {
            int over = 0;
            long sum = 0;
            foreach (long gap in kept)
            {
                if (Us(gap) > threshold)
                {
                    over++;
                    sum += gap;
                }
            }

            string meets = string.Join(" / ", WindowsUs.Select(w => string.Create(CultureInfo.InvariantCulture, $"{100 * (sum + (over * w * Stopwatch.Frequency / 1e6)) / total:F2}%")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {threshold,6:0} µs {over / seconds,10:N1} {100 * sum / total,17:F3}%   {meets}"));
        }
    }

    /// <summary>
    /// One processor's column of <c>/proc/interrupts</c>: every kind summed, and the local timer's (<c>LOC</c>);
    /// null where there is none (not Linux).
    /// </summary>
    private static (long All, long Timer)? Interrupts(int processor)
    {
        const string Path = "/proc/interrupts";
        if (!File.Exists(Path))
        {
            return null;
        }

        long all = 0, timer = 0;
        foreach (string line in File.ReadLines(Path))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > processor + 1 && fields[0].EndsWith(':') && long.TryParse(fields[processor + 1], NumberStyles.None, CultureInfo.InvariantCulture, out long value))
            {
                all += value;
                timer += fields[0] == "LOC:" ? value : 0;
            }
        }

        return (all, timer);
    }
}
