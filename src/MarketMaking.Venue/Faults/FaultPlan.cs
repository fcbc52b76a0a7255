namespace MarketMaking.Venue.Faults;

/// <summary>The faults switched on (each with its <see cref="FaultRule"/>) and the seed their randomness comes from.</summary>
public sealed record FaultPlan
{
    public static FaultPlan None { get; } = new();

    /// <summary>Seed of every fault decision; null: the venue's seed.</summary>
    public ulong? Seed { get; init; }

    public IReadOnlyDictionary<FaultKind, FaultRule> Rules { get; init; } = new Dictionary<FaultKind, FaultRule>();

    public FaultRule? Rule(FaultKind kind) => Rules.TryGetValue(kind, out FaultRule? rule) ? rule : null;
}
