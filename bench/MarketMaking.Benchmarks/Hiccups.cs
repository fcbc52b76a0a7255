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
        Gaps gaps = Measure(seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hiccups: {seconds:0.#} s spinning on processor {gaps.Processor} (processors available: {Environment.ProcessorCount}); {gaps.Ticks.Length:N0} gaps over 1 µs, {gaps.Ticks.Length / seconds:N0} a second{(gaps.Ticks.Length == gaps.Room ? $" (the first {gaps.Room:N0} kept)" : "")}"));
        if (gaps.Interrupts is { } interrupts)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the guest's own interrupts on that processor: {interrupts.All / seconds:N0} a second, {interrupts.Timer / seconds:N0} of them its timer's (more gaps than these are the host's)"));
        }

        Console.WriteLine($"  gap over   a second   share of the time   a decision of {string.Join(" / ", WindowsUs.Select(w => $"{w:0} µs"))} meets one");
        foreach (double threshold in ThresholdsUs)
        {
            Over over = gaps.Above(threshold);
            string meets = string.Join(" / ", WindowsUs.Select(w => string.Create(CultureInfo.InvariantCulture, $"{100 * over.Meeting(w):F2}%")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {threshold,6:0} µs {over.Count / seconds,10:N1} {100 * over.Share,17:F3}%   {meets}"));
        }
    }

    /// <summary>One line on what the host took over <paramref name="seconds"/> of spinning, for a run to print beside its own figures.</summary>
    public static string Summary(double seconds)
    {
        Gaps gaps = Measure(seconds);
        Over over10 = gaps.Above(10);
        return string.Create(CultureInfo.InvariantCulture, $"the host, spun on for {seconds:0.#} s on processor {gaps.Processor} before the run: {over10.Count / seconds:N0} gaps a second over 10 µs, {gaps.Above(20).Count / seconds:N0} over 20 µs; a 20 µs decision meets one over 10 µs {100 * over10.Meeting(20):F1}% of the time");
    }

    /// <summary>Spins on the clock for <paramref name="seconds"/> and keeps every gap over 1 µs.</summary>
    private static Gaps Measure(double seconds)
    {
        // Room for a gap every 10 µs (this host shows one every 500 µs), so a run's measurement leaves little garbage in the process it measures.
        long[] gaps = GC.AllocateArray<long>((int)Math.Min(MaxGaps, seconds * 100_000), pinned: true);
        Array.Fill(gaps, 0); // touched before the clock starts: no page fault counts as a gap
        int processor = Thread.GetCurrentProcessorId();
        (long All, long Timer)? before = Interrupts(processor);
        long oneUs = Stopwatch.Frequency / 1_000_000;
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(seconds * Stopwatch.Frequency);
        long previous = start;
        int count = 0;
        for (long now = start; now < end; now = Stopwatch.GetTimestamp())
        {
            if (now - previous > oneUs && count < gaps.Length)
            {
                gaps[count++] = now - previous;
            }

            previous = now;
        }

        (long All, long Timer)? after = Interrupts(processor);
        (long, long)? interrupts = before is { } b && after is { } a ? (a.All - b.All, a.Timer - b.Timer) : null;
        return new Gaps(gaps[..count], gaps.Length, end - start, processor, interrupts);
    }

    /// <summary>The gaps kept (in stopwatch ticks, at most <c>Room</c>) over a span, the processor spun on, and the guest's interrupts on it meanwhile.</summary>
    private sealed record Gaps(long[] Ticks, int Room, long Span, int Processor, (long All, long Timer)? Interrupts)
    {
        /// <summary>The gaps longer than <paramref name="microseconds"/>, counted and summed in one pass.</summary>
        public Over Above(double microseconds)
        {
            double threshold = microseconds * Stopwatch.Frequency / 1e6;
            int count = 0;
            long sum = 0;
            foreach (long gap in Ticks)
            {
                if (gap > threshold)
                {
                    count++;
                    sum += gap;
                }
            }

            return new Over(count, (double)sum / Span, (double)Span * 1e6 / Stopwatch.Frequency);
        }
    }

    /// <summary>The gaps over a threshold: how many, and the share of the span (of <paramref name="SpanUs"/> µs) they took.</summary>
    private readonly record struct Over(int Count, double Share, double SpanUs)
    {
        /// <summary>
        /// The chance a decision of <paramref name="windowUs"/> starting at a random time meets one of
        /// these gaps: it does when it starts within the gap's length plus its own before the gap's end.
        /// </summary>
        public double Meeting(double windowUs) => Share + (Count * windowUs / SpanUs);
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
