namespace MarketMaking.Learning.Neural;

/// <summary>Mean over all elements of (prediction − target)².</summary>
public static class MeanSquaredError
{
    /// <summary>Returns the loss and writes ∂loss/∂prediction = 2(p − t)/n into <paramref name="gradient"/>.</summary>
    public static float Compute(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, Span<float> gradient)
    {
        int n = LossShapes.Check(predictions, targets, gradient);
        float scale = 2f / n;
        double sum = 0; // double: thousands of float squares lose digits
        for (int i = 0; i < n; i++)
        {
            float error = predictions[i] - targets[i];
            sum += (double)error * error;
            gradient[i] = scale * error;
        }

        return (float)(sum / n);
    }

    public static float Compute(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        int n = LossShapes.Check(predictions, targets, predictions);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double error = predictions[i] - targets[i];
            sum += error * error;
        }

        return (float)(sum / n);
    }
}
