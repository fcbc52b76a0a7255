namespace MarketMaking.Cli.Options;

/// <summary>A run folder just written, and where the run that was in it before went (null when there was none).</summary>
internal sealed record SavedRun(string Folder, string? Kept)
{
    /// <summary>What became of the run before, for the line that names the folder; empty when there was none.</summary>
    public string KeptNote => Kept is null ? string.Empty : $" (the run that was there is kept as {Kept})";

    /// <summary>As the "run folder:" line shows it.</summary>
    public override string ToString() => Folder + KeptNote;
}
