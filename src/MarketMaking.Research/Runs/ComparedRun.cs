namespace MarketMaking.Research.Runs;

/// <summary>One result of a run folder in a <see cref="RunComparison"/>: where it comes from, which strategy, on which market.</summary>
/// <param name="Folder">The run folder's name.</param>
/// <param name="Strategy">The strategy (as labelled in the run).</param>
/// <param name="Market">The market it ran on: the result's own, else the run's market or data file, else the command that wrote the folder.</param>
public sealed record ComparedRun(string Folder, string Strategy, string Market)
{
    /// <summary>"folder: strategy on market".</summary>
    public string Name => $"{Folder}: {Strategy} on {Market}";
}
