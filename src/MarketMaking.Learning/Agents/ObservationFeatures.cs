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
/// </summary>
public readonly record struct ObservationFeatures(float Scale, bool Squared, float TimeScale)
{
    /// <summary>The same gain on every column, the time left included (the features before the time had its own).</summary>
    public ObservationFeatures(float scale, bool squared)
        : this(scale, squared, scale)
    {
    }

    /// <summary>The observation as it is: gain 1, no squares.</summary>
    public static ObservationFeatures Raw => new(1f, false);

    /// <summary>Inputs per observation row of <paramref name="observationSize"/> values.</summary>
    public int Size(int observationSize) => Squared ? 2 * observationSize : observationSize;

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
    }

    /// <summary>Writes the features of every row of <paramref name="observations"/> (rows of <paramref name="observationSize"/>).</summary>
    public void WriteRows(ReadOnlySpan<float> observations, int observationSize, Span<float> features)
    {
        if (!Squared && TimeScale == Scale)
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
