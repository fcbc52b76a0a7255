namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// The parts of one minibatch's loss, averaged over its rows. Loss = Policy + c_v·Value − c_e·Entropy;
/// ApproximateKl = mean((r − 1) − log r) and ClipFraction (rows whose ratio left [1 − ε, 1 + ε]) show
/// how far an update moved the policy.
/// </summary>
public readonly record struct PpoLossTerms(double Loss, double Policy, double Value, double Entropy, double ApproximateKl, double ClipFraction);
