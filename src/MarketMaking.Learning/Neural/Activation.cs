namespace MarketMaking.Learning.Neural;

/// <summary>Element-wise non-linearity applied after a dense layer's affine map.</summary>
public enum Activation
{
    Identity,
    ReLU,
    Tanh,

    /// <summary>log(1 + eˣ): smooth and strictly positive, for outputs such as spreads or variances.</summary>
    Softplus,
}
