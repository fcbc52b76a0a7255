using MarketMaking.Learning.Environments;

namespace MarketMaking.Learning.Tests.Agents.Sac;

/// <summary>
/// One-step episodes whose reward is −(bid − b*)² − (ask − a*)² plus noise, whatever the
/// observation: the best depths are known exactly, so a continuous learner must find them.
/// </summary>
internal sealed class QuadraticBandit(int count, double bestBid, double bestAsk, double noise) : IContinuousEnvironment
{
    private MarketMaking.Core.Randomness.ScalarRandom _random;

    public int Count => count;

    public int ObservationSize => 2;

    public DepthRange Depths { get; } = new(0, 2);

    public void Reset(ulong seed, Span<float> observations)
    {
        _random = new MarketMaking.Core.Randomness.ScalarRandom(seed);
        Observe(observations);
    }

    public void StepDepths(ReadOnlySpan<double> depths, Span<float> observations, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        for (int i = 0; i < count; i++)
        {
            double bid = depths[2 * i] - bestBid, ask = depths[(2 * i) + 1] - bestAsk;
            rewards[i] = (float)(-(bid * bid) - (ask * ask) + (noise * _random.NextNormal()));
            terminated[i] = true;
            truncated[i] = false;
        }

        Observe(observations);
    }

    private void Observe(Span<float> observations)
    {
        for (int i = 0; i < count; i++)
        {
            observations[2 * i] = 0.1f * (i % 3);
            observations[(2 * i) + 1] = 1f;
        }
    }
}
