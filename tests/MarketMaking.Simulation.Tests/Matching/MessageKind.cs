namespace MarketMaking.Simulation.Tests.Matching;

internal enum MessageKind
{
    New,
    Cancel,
    Amend,
}
