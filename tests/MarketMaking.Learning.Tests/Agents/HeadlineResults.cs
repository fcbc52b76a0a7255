namespace MarketMaking.Learning.Tests.Agents;

/// <summary>
/// The README's headline trainings (minutes each, both cores): one collection so they run one after
/// another rather than fighting each other and the rest of the suite for the two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HeadlineResults
{
    public const string Name = "headline results";
}
