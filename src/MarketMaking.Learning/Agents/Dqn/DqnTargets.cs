namespace MarketMaking.Learning.Agents.Dqn;

/// <summary>The bootstrapped regression targets of a batch.</summary>
public static class DqnTargets
{
    /// <summary>
    /// y = r for terminal transitions, else r + γ·Q_target(s′, a*) with a* = argmax Q_online(s′)
    /// (double DQN) or a* = argmax Q_target(s′) (plain DQN, pass the target outputs twice).
    /// Output rows are <see cref="QHead.OutputSize"/> wide.
    /// </summary>
    public static void Compute(
        QHead head, ReadOnlySpan<float> rewards, ReadOnlySpan<bool> terminal, ReadOnlySpan<float> onlineNext, ReadOnlySpan<float> targetNext, float gamma, Span<float> targets) =>
        Compute(head, rewards, terminal, default, onlineNext, targetNext, gamma, targets);

    /// <summary>
    /// n-step form: y = R for terminal transitions, else R + γ^k·Q_target(s′, a*), where R is the
    /// discounted sum of k rewards and s′ the state k steps on; empty <paramref name="stepCounts"/> means k = 1.
    /// </summary>
    public static void Compute(
        QHead head, ReadOnlySpan<float> rewards, ReadOnlySpan<bool> terminal, ReadOnlySpan<int> stepCounts, ReadOnlySpan<float> onlineNext, ReadOnlySpan<float> targetNext, float gamma, Span<float> targets)
    {
        int width = head.OutputSize;
        for (int b = 0; b < rewards.Length; b++)
        {
            if (terminal[b])
            {
                targets[b] = rewards[b];
                continue;
            }

            int best = head.Greedy(onlineNext.Slice(b * width, width));
            int k = stepCounts.IsEmpty ? 1 : stepCounts[b];
            float discount = gamma == 1 ? 1 : MathF.Pow(gamma, k);
            targets[b] = rewards[b] + (discount * head.Value(targetNext.Slice(b * width, width), best));
        }
    }

    /// <summary>
    /// Advantage learning (Baird 1999; Bellemare et al. 2016): lowers each target by
    /// α·(max_a′ Q_target(s, a′) − Q_target(s, a)). The greedy policy is kept and the gaps between
    /// actions grow by 1/(1 − α), so the noise of the regression reorders them less often.
    /// </summary>
    public static void WidenActionGaps(QHead head, ReadOnlySpan<float> targetNow, ReadOnlySpan<int> actions, float alpha, Span<float> targets)
    {
        ArgumentNullException.ThrowIfNull(head);
        int width = head.OutputSize;
        for (int b = 0; b < actions.Length; b++)
        {
            ReadOnlySpan<float> row = targetNow.Slice(b * width, width);
            targets[b] -= alpha * (head.Max(row) - head.Value(row, actions[b]));
        }
    }
}
