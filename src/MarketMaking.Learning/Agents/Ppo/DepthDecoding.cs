namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// How a trained stochastic policy picks one depth per side: the median of the side's distribution
/// over its (ordered) depths. Adjacent depths earn almost the same, so a policy spreads its mass over
/// neighbours and the most likely one flips between them from state to state; the median is the
/// middle of that mass, needs no assumption on the grid's spacing, and is what a mixture of policies
/// (<see cref="PpoEnsemble"/>) agrees on. On the benchmark it closes a little more of the gap than
/// the argmax (84.8% against 84.4%, one seed), and much more for ensembles (90.7% against 88.5%, three).
/// </summary>
public static class DepthDecoding
{
    /// <summary>The smallest index whose cumulative probability reaches half of the total.</summary>
    public static int Median(ReadOnlySpan<float> probabilities)
    {
        if (probabilities.IsEmpty)
        {
            throw new ArgumentException("no depths to choose from", nameof(probabilities));
        }

        float total = 0;
        foreach (float p in probabilities)
        {
            total += p;
        }

        float cumulative = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            cumulative += probabilities[i];
            if (cumulative >= total / 2)
            {
                return i;
            }
        }

        return probabilities.Length - 1;
    }
}
