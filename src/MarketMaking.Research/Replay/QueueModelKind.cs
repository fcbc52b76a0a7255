namespace MarketMaking.Research.Replay;

/// <summary>The queue models a replay can estimate our place in a queue with.</summary>
public enum QueueModelKind
{
    /// <summary>We move up only when trades consume the queue ahead of us; cancellations never help.</summary>
    RiskAverse,

    /// <summary>Cancellations split between front and back with weights x^n (<see cref="QueueModelSpec.Power"/>).</summary>
    Power,

    /// <summary>Cancellations split between front and back with weights ln(1 + x).</summary>
    Log,
}
