using Spectre.Console;

namespace MarketMaking.Cli.Output;

/// <summary>Progress of long work: a bar on an interactive terminal, otherwise a line to standard error every few seconds.</summary>
internal static class ProgressBars
{
    /// <summary>
    /// Runs <paramref name="work"/> with a <see cref="ProgressLine"/>: a bar on a terminal; when the
    /// output is redirected, lines to <see cref="Terminal.ProgressLog"/> every <see cref="Terminal.ProgressInterval"/>.
    /// </summary>
    public static async Task RunAsync(Terminal terminal, string description, double maxValue, Func<ProgressLine, Task> work)
    {
        if (!terminal.Console.Profile.Capabilities.Interactive)
        {
            await work(new ProgressLine(description, maxValue, null, terminal.ProgressLog, terminal.ProgressInterval)).ConfigureAwait(false);
            return;
        }

        await terminal.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                ProgressTask task = progress.AddTask(description, maxValue: maxValue);
                await work(new ProgressLine(description, maxValue, task, null, TimeSpan.Zero)).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
    }
}
