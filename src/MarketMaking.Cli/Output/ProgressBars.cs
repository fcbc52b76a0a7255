using Spectre.Console;

namespace MarketMaking.Cli.Output;

/// <summary>Progress bars on an interactive terminal; redirected output gets none.</summary>
internal static class ProgressBars
{
    /// <summary>Runs <paramref name="work"/> under a progress bar on a terminal; redirected output gets no bar (the task is null).</summary>
    public static async Task RunAsync(Terminal terminal, string description, double maxValue, Func<ProgressTask?, Task> work)
    {
        if (!terminal.Console.Profile.Capabilities.Interactive)
        {
            await work(null).ConfigureAwait(false);
            return;
        }

        await terminal.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                ProgressTask task = progress.AddTask(description, maxValue: maxValue);
                await work(task).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
    }
}
