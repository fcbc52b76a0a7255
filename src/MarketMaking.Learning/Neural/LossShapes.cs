namespace MarketMaking.Learning.Neural;

/// <summary>Length checks shared by the losses.</summary>
internal static class LossShapes
{
    /// <summary>Returns the common length; throws unless all three spans have it and it is non-zero.</summary>
    public static int Check(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, ReadOnlySpan<float> gradient)
    {
        if (predictions.Length == 0)
        {
            throw new ArgumentException("no predictions", nameof(predictions));
        }

        if (targets.Length != predictions.Length)
        {
            throw new ArgumentException($"{predictions.Length} predictions but {targets.Length} targets", nameof(targets));
        }

        if (gradient.Length != predictions.Length)
        {
            throw new ArgumentException($"{predictions.Length} predictions but room for {gradient.Length} gradients", nameof(gradient));
        }

        return predictions.Length;
    }
}
