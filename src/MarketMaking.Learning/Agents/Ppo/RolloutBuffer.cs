namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// One rollout, time-major (index t·count + i is step t of trajectory i), and the minibatch it is
/// gathered into. Everything is allocated once per Train call. A grid policy records its bid and
/// ask indices; a continuous one its <see cref="ActionWidth"/> pre-squash values per step.
/// </summary>
internal sealed class RolloutBuffer
{
    public RolloutBuffer(int steps, int count, int observationSize, int minibatchSize, int actionWidth = 0)
    {
        (Steps, Count, ObservationSize, ActionWidth) = (steps, count, observationSize, actionWidth);
        int n = steps * count;
        MinibatchSize = Math.Min(minibatchSize, n);
        Actions = new float[n * actionWidth];
        BatchActions = new float[MinibatchSize * actionWidth];
        Observations = new float[n * observationSize];
        Bids = new int[n];
        Asks = new int[n];
        LogProbabilities = new float[n];
        Values = new float[n];
        Rewards = new float[n];
        Terminated = new bool[n];
        Truncated = new bool[n];
        Advantages = new float[n];
        Returns = new float[n];
        LastValues = new float[count];
        Order = new int[n];
        BatchObservations = new float[MinibatchSize * observationSize];
        BatchBids = new int[MinibatchSize];
        BatchAsks = new int[MinibatchSize];
        BatchLogProbabilities = new float[MinibatchSize];
        BatchAdvantages = new float[MinibatchSize];
        BatchReturns = new float[MinibatchSize];
        BatchValues = new float[MinibatchSize];
    }

    public int Steps { get; }

    public int Count { get; }

    public int ObservationSize { get; }

    public int Length => Steps * Count;

    /// <summary>Continuous action values per step (0 for a grid policy).</summary>
    public int ActionWidth { get; }

    /// <summary>A continuous policy's pre-squash actions, ActionWidth per step.</summary>
    public float[] Actions { get; }

    public float[] BatchActions { get; }

    public int MinibatchSize { get; }

    public float[] Observations { get; }

    public int[] Bids { get; }

    public int[] Asks { get; }

    public float[] LogProbabilities { get; }

    public float[] Values { get; }

    public float[] Rewards { get; }

    public bool[] Terminated { get; }

    public bool[] Truncated { get; }

    public float[] Advantages { get; }

    public float[] Returns { get; }

    public float[] LastValues { get; }

    /// <summary>A permutation of the rollout's rows, reshuffled each epoch.</summary>
    public int[] Order { get; }

    public float[] BatchObservations { get; }

    public int[] BatchBids { get; }

    public int[] BatchAsks { get; }

    public float[] BatchLogProbabilities { get; }

    public float[] BatchAdvantages { get; }

    public float[] BatchReturns { get; }

    public float[] BatchValues { get; }

    /// <summary>Copies rows Order[start..start + size) into the minibatch buffers and views them.</summary>
    public PpoSamples Gather(int start, int size)
    {
        int o = ObservationSize, w = ActionWidth;
        for (int j = 0; j < size; j++)
        {
            // Rows of a few values: copied one by one, as a span copy's call costs more than its work
            // (and this runs on one thread between the minibatch's two halves).
            int k = Order[start + j];
            for (int i = 0; i < o; i++)
            {
                BatchObservations[(j * o) + i] = Observations[(k * o) + i];
            }

            BatchBids[j] = Bids[k];
            BatchAsks[j] = Asks[k];
            BatchLogProbabilities[j] = LogProbabilities[k];
            BatchAdvantages[j] = Advantages[k];
            BatchReturns[j] = Returns[k];
            BatchValues[j] = Values[k];
            for (int i = 0; i < w; i++)
            {
                BatchActions[(j * w) + i] = Actions[(k * w) + i];
            }
        }

        return View(0, size);
    }

    /// <summary>Rows [offset, offset + size) of the gathered minibatch.</summary>
    public PpoSamples View(int offset, int size)
    {
        int o = ObservationSize;
        return new PpoSamples(
            BatchObservations.AsSpan(offset * o, size * o),
            BatchBids.AsSpan(offset, size),
            BatchAsks.AsSpan(offset, size),
            BatchLogProbabilities.AsSpan(offset, size),
            BatchAdvantages.AsSpan(offset, size),
            BatchReturns.AsSpan(offset, size),
            BatchValues.AsSpan(offset, size),
            BatchActions.AsSpan(offset * ActionWidth, size * ActionWidth));
    }
}
