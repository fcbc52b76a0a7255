using MarketMaking.Simulation.Matching;

namespace MarketMaking.Simulation.Tests.Matching;

/// <summary>A self-trade policy and a message sequence, the input of the engine properties.</summary>
internal sealed record MatchingScenario(SelfTradePrevention Policy, MatchingMessage[] Messages)
{
    public override string ToString() => $"{Policy}: {string.Join(", ", Messages)}";
}
