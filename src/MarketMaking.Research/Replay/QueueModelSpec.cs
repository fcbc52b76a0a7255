using MarketMaking.Simulation.Exchange;

namespace MarketMaking.Research.Replay;

/// <summary>
/// Which queue model a replay uses, as settings: <see cref="Create"/> builds the
/// <see cref="IQueueModel"/>. Queue models keep no state of their own (positions live in the
/// shadow orders), so one model serves every run of a session, in parallel too.
/// </summary>
/// <param name="Kind">The model.</param>
/// <param name="Exponent">Exponent n of the <see cref="QueueModelKind.Power"/> model (ignored by the others).</param>
public sealed record QueueModelSpec(QueueModelKind Kind, double Exponent = 2)
{
    /// <summary>The risk-averse model, the default.</summary>
    public static QueueModelSpec RiskAverse { get; } = new(QueueModelKind.RiskAverse);

    /// <summary>The logarithmic model.</summary>
    public static QueueModelSpec Log { get; } = new(QueueModelKind.Log);

    /// <summary>The power model with exponent <paramref name="exponent"/> (1: proportional).</summary>
    public static QueueModelSpec Power(double exponent) => new(QueueModelKind.Power, exponent);

    /// <summary>The model's name as the command line and the reports spell it: risk-averse, power or log.</summary>
    public string Name => Kind switch
    {
        QueueModelKind.Power => "power",
        QueueModelKind.Log => "log",
        _ => "risk-averse",
    };

    /// <summary>The queue model these settings describe.</summary>
    /// <exception cref="Core.Errors.InvalidParameterException">The power model's exponent is not positive.</exception>
    public IQueueModel Create() => Kind switch
    {
        QueueModelKind.Power => ProbabilisticQueueModel.Power(Exponent),
        QueueModelKind.Log => ProbabilisticQueueModel.Log(),
        _ => new RiskAverseQueueModel(),
    };
}
