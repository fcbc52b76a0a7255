namespace MarketMaking.Research.Training;

/// <summary>
/// What marks a policy file as one member of an ensemble trained apart (<c>mm train --members N
/// --member I</c>): which member, of how many, of which run, and whether its training finished.
/// Merging (<see cref="EnsembleMemberFile.Merge"/>) checks these.
/// </summary>
public sealed record EnsembleMember
{
    /// <summary>The member's index, from 0: it trains on seed SEED + index, as in a one-process ensemble.</summary>
    public required int Index { get; init; }

    /// <summary>Members of the ensemble.</summary>
    public required int Members { get; init; }

    /// <summary>True once training reached its last step; false in a checkpoint.</summary>
    public required bool Complete { get; init; }

    /// <summary>Transitions this member has trained for.</summary>
    public required long Steps { get; init; }

    /// <summary>The run's settings (agent, environment, steps, seed, hyperparameters): equal for every member of one ensemble.</summary>
    public required IReadOnlyDictionary<string, string> Run { get; init; }
}
