using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Exchange;

/// <summary>The queue models by the names the CLI spells them: <c>risk-averse</c>, <c>power</c> (exponent n), <c>log</c>.</summary>
public static class QueueModels
{
    public static IReadOnlyList<string> Names { get; } = ["risk-averse", "power", "log"];

    /// <summary>The model called <paramref name="name"/>; an unknown name is an <see cref="InvalidParameterException"/> naming <c>queue-model</c>.</summary>
    public static IQueueModel Create(string name, double power = 2) => name switch
    {
        "risk-averse" => new RiskAverseQueueModel(),
        "power" => ProbabilisticQueueModel.Power(power),
        "log" => ProbabilisticQueueModel.Log(),
        _ => throw new InvalidParameterException("queue-model", $"unknown model '{name}'; known: {string.Join(", ", Names)}"),
    };
}
