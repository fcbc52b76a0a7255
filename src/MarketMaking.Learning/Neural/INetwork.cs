namespace MarketMaking.Learning.Neural;

/// <summary>
/// A differentiable function of a row-major batch (batch × <see cref="InputSize"/>). Optimizers,
/// clipping and target-network updates see only the flat parameter arrays, so another
/// implementation (or a library) can stand in.
/// </summary>
public interface INetwork
{
    int InputSize { get; }

    int OutputSize { get; }

    /// <summary>
    /// Output for the batch (batch × <see cref="OutputSize"/>). The span points into the network's
    /// own buffer: valid until the next Forward.
    /// </summary>
    ReadOnlySpan<float> Forward(ReadOnlySpan<float> input);

    /// <summary>
    /// Given ∂loss/∂output of the last Forward, adds ∂loss/∂parameter to <see cref="Gradients"/>
    /// and returns ∂loss/∂input (valid until the next Backward).
    /// </summary>
    ReadOnlySpan<float> Backward(ReadOnlySpan<float> outputGradient);

    void ZeroGradients();

    /// <summary>Trainable arrays, updated in place.</summary>
    IReadOnlyList<float[]> Parameters { get; }

    /// <summary>One array per parameter array, same lengths, same order.</summary>
    IReadOnlyList<float[]> Gradients { get; }
}
