namespace MarketMaking.Learning.Neural;

/// <summary>
/// Updates a fixed set of parameter arrays from their gradient arrays. ApplyGradients does not clear the
/// gradients: call <see cref="INetwork.ZeroGradients"/> before the next backward pass.
/// </summary>
public interface IOptimizer
{
    /// <summary>Settable between steps, for annealing schedules.</summary>
    float LearningRate { get; set; }

    /// <summary>Steps taken so far.</summary>
    long StepCount { get; }

    void ApplyGradients();
}
