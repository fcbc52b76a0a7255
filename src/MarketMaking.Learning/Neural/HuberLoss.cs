namespace MarketMaking.Learning.Neural;

/// <summary>
/// Mean over all elements of ½e² for |e| ≤ δ and δ(|e| − ½δ) beyond, e = prediction − target:
/// squared near zero, linear in the tails, so outlying targets (e.g. large TD errors in DQN)
/// cannot blow up the gradient, which is bounded by δ/n.
/// </summary>
public static class HuberLoss
{
    /// <summary>Returns the loss and writes ∂loss/∂prediction = clamp(e, −δ, δ)/n into <paramref name="gradient"/>.</summary>
    public static float Compute(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, Span<float> gradient, float delta = 1f)
    {
        RequirePositive(delta);
        int n = LossShapes.Check(predictions, targets, gradient);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            float error = predictions[i] - targets[i];
            sum += Value(error, delta);
            gradient[i] = Math.Clamp(error, -delta, delta) / n;
        }

        return (float)(sum / n);
    }

    public static float Compute(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, float delta = 1f)
    {
        RequirePositive(delta);
        int n = LossShapes.Check(predictions, targets, predictions);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += Value(predictions[i] - targets[i], delta);
        }

        return (float)(sum / n);
    }

    private static double Value(double error, double delta)
    {
        double magnitude = Math.Abs(error);
        return magnitude <= delta ? 0.5 * error * error : delta * (magnitude - (0.5 * delta));
    }

    private static void RequirePositive(float delta)
    {
        if (!(delta > 0) || !float.IsFinite(delta))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be a positive number");
        }
    }
}
