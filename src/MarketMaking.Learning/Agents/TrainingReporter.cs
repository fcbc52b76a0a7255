using System.Diagnostics;

namespace MarketMaking.Learning.Agents;

/// <summary>
/// Paces the progress reports of a Q-learning or DQN training call: at most one a second while it
/// runs (a report costs far more than a vector step), and the final state when it ends.
/// </summary>
internal sealed class TrainingReporter(IProgress<TrainingProgress>? progress, long target)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastReport;

    /// <summary>Reports when a second has passed since the last report.</summary>
    public void Tick(long agentSteps, long done, RecentEpisodes episodes, double epsilon)
    {
        if (progress is not null && _clock.ElapsedMilliseconds - _lastReport >= 1000)
        {
            _lastReport = _clock.ElapsedMilliseconds;
            progress.Report(Snapshot(agentSteps, done, episodes, epsilon));
        }
    }

    /// <summary>Reports and returns the state at the end of the call.</summary>
    public TrainingProgress Finish(long agentSteps, long done, RecentEpisodes episodes, double epsilon)
    {
        TrainingProgress final = Snapshot(agentSteps, done, episodes, epsilon);
        progress?.Report(final);
        return final;
    }

    private TrainingProgress Snapshot(long agentSteps, long done, RecentEpisodes episodes, double epsilon)
    {
        TimeSpan elapsed = _clock.Elapsed;
        return new(agentSteps, done, target, done / Math.Max(1e-9, elapsed.TotalSeconds), episodes.Mean, episodes.Count, epsilon, elapsed);
    }
}
