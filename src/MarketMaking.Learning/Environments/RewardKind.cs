namespace MarketMaking.Learning.Environments;

/// <summary>How a step's reward is counted from the change in marked-to-market wealth ΔW.</summary>
public enum RewardKind
{
    /// <summary>ΔW − φ·q²·dt, and −α·q_T² at the end: the Cartea–Jaimungal objective, summed over an episode (default; φ plays λ in "PnL − λ·q²").</summary>
    RunningPenalty,

    /// <summary>ΔW − η·max(0, q·ΔS): gains from holding inventory are dampened, losses are not (asymmetric dampening).</summary>
    Dampened,
}
