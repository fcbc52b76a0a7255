using MarketMaking.Core.Randomness;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// PPO's continuous head: per side u = μ + σε with μ from the network and σ = e^s state-independent,
/// the depth at the agent's squash of u (tanh or clipped) in the environment's range. The rollout records u (log π needs it; atanh of
/// a rounded action would not give it back).
/// </summary>
internal sealed class ContinuousPpoHead : IPpoPolicyHead
{
    private const int A = ContinuousPpoAgent.ActionSize;

    private readonly ContinuousPpoAgent _agent;
    private readonly IContinuousEnvironment _env;
    private readonly ContinuousPpoLoss _loss;
    private readonly double[] _depths;

    public ContinuousPpoHead(ContinuousPpoAgent agent, IContinuousEnvironment env)
    {
        (_agent, _env) = (agent, env);
        PpoSettings settings = agent.Settings;
        _loss = new ContinuousPpoLoss(settings, agent.Squash);
        agent.Network.EnsureBatchCapacity(Math.Max(env.Count, Math.Min(settings.MinibatchSize, settings.RolloutSteps * env.Count)));
        _depths = new double[env.Count * A];
    }

    public int Count => _env.Count;

    public int ObservationSize => _env.ObservationSize;

    public int ActionWidth => A;

    public IReadOnlyList<float[]> Gradients => _agent.Gradients;

    public void Reset(ulong seed, Span<float> observations) => _env.Reset(seed, observations);

    public void Act(ReadOnlySpan<float> observations, RolloutBuffer buffer, int row, ref ScalarRandom sampling)
    {
        ReadOnlySpan<float> logStd = _agent.LogStd;
        DepthRange range = _env.Depths;
        ActionSquash squash = _agent.Squash;
        _agent.Network.Forward(observations, out ReadOnlySpan<float> bidMeans, out ReadOnlySpan<float> askMeans, out ReadOnlySpan<float> values);
        Span<float> mean = stackalloc float[A], std = stackalloc float[A];
        for (int k = 0; k < A; k++)
        {
            std[k] = MathF.Exp(logStd[k]);
        }

        for (int i = 0; i < Count; i++)
        {
            (mean[0], mean[1]) = (bidMeans[i], askMeans[i]);
            Span<float> u = buffer.Actions.AsSpan((row + i) * A, A);
            for (int k = 0; k < A; k++)
            {
                u[k] = mean[k] + (std[k] * (float)sampling.NextNormal());
                _depths[(i * A) + k] = range.Depth(squash.Apply(u[k]));
            }

            buffer.LogProbabilities[row + i] = (float)squash.LogProbability(mean, logStd, u);
            buffer.Values[row + i] = values[i];
        }
    }

    public void Step(Span<float> observations, Span<float> rewards, Span<bool> terminated, Span<bool> truncated) =>
        _env.StepDepths(_depths, observations, rewards, terminated, truncated);

    public void Values(ReadOnlySpan<float> observations, Span<float> values)
    {
        _agent.Network.Forward(observations, out _, out _, out ReadOnlySpan<float> v);
        v.CopyTo(values);
    }

    public PpoLossTerms Gradient(RolloutBuffer buffer, int size)
    {
        _agent.Network.ZeroGradients();
        Array.Clear(_agent.LogStdGradient);
        return _loss.Accumulate(_agent.Network, _agent.LogStd, _agent.LogStdGradient, buffer.View(0, size), size);
    }
}
