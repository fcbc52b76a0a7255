using System.Numerics.Tensors;
using MarketMaking.Learning.Environments;

namespace MarketMaking.Learning.Agents;

/// <summary>
/// What a network sees of an observation row: each value times a gain, then (optionally) the
/// squares of those. The benchmark's q/Q_max moves by 0.1 per unit of inventory, so a gain lets a
/// first layer resolve single units from the start, and the squares give the value's curvature in
/// inventory (the running penalty φq²) without hidden units to build it. The time left (column
/// <see cref="ObservationLayout.TimeLeftColumn"/>, 0 to 1) has its own gain: the inventory's would
/// make it 0 to 5 and its square 0 to 25, driving the first tanh layer hard early in the episode.
/// With <see cref="TimeProducts"/> every other feature also comes times the time left (0 to 1), e.g.
/// q·τ and q²·τ: the running penalty φq² accrues over the time left, so the value's curvature in
/// inventory, and the skew it asks for, shrink toward the end in proportion to it.
/// </summary>
public readonly record struct ObservationFeatures(float Scale, bool Squared, float TimeScale, bool TimeProducts = false)
{
    /// <summary>The same gain on every column, the time left included (the features before the time had its own).</summary>
    public ObservationFeatures(float scale, bool squared)
        : this(scale, squared, scale)
    {
    }

    /// <summary>The observation as it is: gain 1, no squares.</summary>
    public static ObservationFeatures Raw => new(1f, false);

    private int PowersPerColumn => Squared ? 2 : 1;

    /// <summary>Inputs per observation row of <paramref name="observationSize"/> values.</summary>
    public int Size(int observationSize) =>
        (PowersPerColumn * observationSize) + (TimeProducts ? PowersPerColumn * (observationSize - 1) : 0);

    /// <summary>The observation values per row behind <paramref name="size"/> inputs (the inverse of <see cref="Size"/>), or −1 when none fits.</summary>
    public int ObservationSize(int size)
    {
        int perColumn = TimeProducts ? 2 * PowersPerColumn : PowersPerColumn, extra = TimeProducts ? PowersPerColumn : 0;
        return (size + extra) % perColumn == 0 && size > 0 ? (size + extra) / perColumn : -1;
    }

    /// <summary>Writes one row's features: o·s (the time left times its own gain), then their squares when squared.</summary>
    public void Write(ReadOnlySpan<float> observation, Span<float> features)
    {
        int o = observation.Length;
        TensorPrimitives.Multiply(observation, Scale, features[..o]);
        if (o > ObservationLayout.TimeLeftColumn)
        {
            features[ObservationLayout.TimeLeftColumn] = observation[ObservationLayout.TimeLeftColumn] * TimeScale;
        }

        if (Squared)
        {
            TensorPrimitives.Multiply(features[..o], features[..o], features.Slice(o, o));
        }

        if (TimeProducts && o > ObservationLayout.TimeLeftColumn)
        {
            float timeLeft = observation[ObservationLayout.TimeLeftColumn];
            int next = PowersPerColumn * o;
            for (int k = 0; k < PowersPerColumn * o; k++)
            {
                if (k % o != ObservationLayout.TimeLeftColumn)
                {
                    features[next++] = features[k] * timeLeft;
                }
            }
        }
    }

    /// <summary>Writes the features of every row of <paramref name="observations"/> (rows of <paramref name="observationSize"/>).</summary>
    public void WriteRows(ReadOnlySpan<float> observations, int observationSize, Span<float> features)
    {
        if (!Squared && !TimeProducts && TimeScale == Scale)
        {
            TensorPrimitives.Multiply(observations, Scale, features[..observations.Length]);
            return;
        }

        int f = Size(observationSize);
        for (int row = 0; row < observations.Length / observationSize; row++)
        {
            Write(observations.Slice(row * observationSize, observationSize), features.Slice(row * f, f));
        }
    }
}
