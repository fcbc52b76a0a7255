namespace MarketMaking.Learning.Neural;

/// <summary>Argument checks shared by the optimizers.</summary>
internal static class OptimizerParameters
{
    public static void RequireMatching(IReadOnlyList<float[]> parameters, IReadOnlyList<float[]> gradients)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradients);
        if (parameters.Count != gradients.Count)
        {
            throw new ArgumentException($"{parameters.Count} parameter arrays but {gradients.Count} gradient arrays", nameof(gradients));
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Length != gradients[i].Length)
            {
                throw new ArgumentException(
                    $"parameter array {i} has {parameters[i].Length} values but its gradient {gradients[i].Length}",
                    nameof(gradients));
            }
        }
    }

    public static float RequireLearningRate(float value) =>
        value >= 0 && float.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "learning rate must be a finite number ≥ 0");

    public static float RequireFraction(float value, string name) =>
        value is >= 0f and < 1f
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1)");
}
