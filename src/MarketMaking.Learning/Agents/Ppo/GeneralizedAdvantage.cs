namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// GAE(λ) (Schulman et al. 2016) over a rollout stored time-major: index t·count + i is step t of
/// trajectory i. δₜ = rₜ + γ·V(sₜ₊₁) − V(sₜ), Âₜ = δₜ + γλ·Âₜ₊₁, and the value target is Âₜ + V(sₜ).
/// </summary>
public static class GeneralizedAdvantage
{
    /// <param name="values">V(sₜ) for each stored step.</param>
    /// <param name="lastValues">V of the observation after the rollout's last step, per trajectory (the bootstrap).</param>
    /// <param name="terminated">
    /// The step ended the episode: nothing follows, so no bootstrap and the chain of advantages is cut
    /// (the next stored step belongs to the auto-reset episode).
    /// </param>
    /// <param name="truncated">
    /// The episode was cut short: the chain is cut too, but the state still had a future. The
    /// environment returns the next episode's first observation instead of the last one, so the
    /// step bootstraps from V(sₜ), its nearest available estimate.
    /// </param>
    public static void Compute(
        int steps,
        int count,
        ReadOnlySpan<float> rewards,
        ReadOnlySpan<float> values,
        ReadOnlySpan<bool> terminated,
        ReadOnlySpan<bool> truncated,
        ReadOnlySpan<float> lastValues,
        float discount,
        float lambda,
        Span<float> advantages,
        Span<float> returns)
    {
        int length = steps * count;
        if (rewards.Length < length || values.Length < length || terminated.Length < length || truncated.Length < length
            || advantages.Length < length || returns.Length < length || lastValues.Length < count)
        {
            throw new ArgumentException($"each buffer needs {steps}×{count} values, and the bootstrap {count}");
        }

        for (int i = 0; i < count; i++)
        {
            float next = lastValues[i];
            float carried = 0;
            for (int t = steps - 1; t >= 0; t--)
            {
                int k = (t * count) + i;
                float delta;
                if (terminated[k])
                {
                    delta = rewards[k] - values[k];
                    carried = delta;
                }
                else if (truncated[k])
                {
                    delta = rewards[k] + (discount * values[k]) - values[k];
                    carried = delta;
                }
                else
                {
                    delta = rewards[k] + (discount * next) - values[k];
                    carried = delta + (discount * lambda * carried);
                }

                advantages[k] = carried;
                returns[k] = carried + values[k];
                next = values[k];
            }
        }
    }
}
