using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Spreads;

/// <summary>How the spread predictor's network is shaped and fitted.</summary>
public sealed record SpreadTrainingOptions
{
    /// <summary>Widths of the two hidden ReLU layers.</summary>
    public int HiddenWidth { get; init; } = 32;

    public int Epochs { get; init; } = 30;

    public int BatchSize { get; init; } = 128;

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seed of the initial weights and of the minibatch order.</summary>
    public int Seed { get; init; } = 1;

    public SpreadTrainingOptions Validate()
    {
        if (HiddenWidth < 1 || Epochs < 1 || BatchSize < 1)
        {
            throw new InvalidParameterException("hidden/epochs/batch", "must be positive");
        }

        InvalidParameterException.RequirePositive("learning_rate", LearningRate);
        return this;
    }
}
