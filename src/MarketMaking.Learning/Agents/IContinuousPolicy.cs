namespace MarketMaking.Learning.Agents;

/// <summary>
/// A trained agent with continuous quotes, acting deterministically: a bid and an ask depth for one
/// observation (in the units of the environment it trained on). Implementations are thread safe
/// and allocation free, so one policy serves parallel evaluation runs.
/// </summary>
public interface IContinuousPolicy
{
    (double BidDepth, double AskDepth) Act(ReadOnlySpan<float> observation);
}
