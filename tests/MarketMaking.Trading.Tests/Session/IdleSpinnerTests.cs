using System.Globalization;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Tests.Session;

/// <summary>
/// --keep-core-awake: one thread per processor the process may use, each in Linux's idle scheduling
/// class (so any other thread takes its processor at once), running exactly while a session holds it.
/// Read from the kernel's own view of the process's threads (/proc/self/task).
/// </summary>
[Collection(nameof(IdleSpinnerTests))] // the spinners are one per process: no other test of them runs meanwhile
public class IdleSpinnerTests
{
    private const int SchedulerIdleClass = 5; // SCHED_IDLE

    [Fact]
    public void EachProcessorGetsOneSpinnerInTheIdleClassUntilTheLastLeaseEnds()
    {
        Assert.Empty(Spinners());
        IDisposable first = IdleSpinner.Acquire();
        IDisposable second = IdleSpinner.Acquire();
        List<int> classes = Spinners();
        Assert.Equal(Environment.ProcessorCount, classes.Count);
        Assert.All(classes, c => Assert.Equal(SchedulerIdleClass, c));

        // A lease disposed twice releases once: the other lease keeps them running.
        first.Dispose();
        first.Dispose();
        Assert.Equal(Environment.ProcessorCount, Spinners().Count);

        second.Dispose();
        AssertGone();
    }

    [Fact]
    public async Task ASessionSpinsWhileItRunsAndNotAfter()
    {
        using var harness = new SessionHarness(settings: s => s with { KeepCoreAwake = true }, strategy: () => new TouchStrategy(0.01));
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(300);
        Assert.Equal(Environment.ProcessorCount, Spinners().Count);
        harness.Session.RequestStop();
        SessionResult result = await running;

        Assert.True(result.Executions > 0, "the session traded while its processors were kept awake");
        AssertGone();
    }

    /// <summary>The spinners have ended: joined, their kernel threads leave /proc a moment after.</summary>
    private static void AssertGone()
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(5);
        while (Spinners().Count > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        Assert.Empty(Spinners());
    }

    /// <summary>The scheduling class of each of this process's threads named as the spinners are (the stat file's 41st field).</summary>
    private static List<int> Spinners()
    {
        var classes = new List<int>();
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') != IdleSpinner.ThreadName)
                {
                    continue;
                }

                // After the command's closing parenthesis: state is field 3, policy field 41.
                string stat = File.ReadAllText(Path.Combine(task, "stat"));
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                classes.Add(int.Parse(fields[41 - 3], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The thread ended while being read.
            }
        }

        return classes;
    }
}
