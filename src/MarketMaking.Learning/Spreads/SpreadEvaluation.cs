namespace MarketMaking.Learning.Spreads;

/// <summary>
/// The predictor against a constant spread on test windows it never saw. Errors (ticks) of the
/// predicted half-spread against the ex-post optimal one, beside the error of the constant that
/// minimizes it on the training part (the training mean); and the mean risk-adjusted PnL per
/// window (ticks) of quoting the prediction, beside quoting the constant that earned most in training.
/// </summary>
public sealed record SpreadEvaluation(
    int TestRows,
    double ModelRmse,
    double ModelMae,
    double ConstantHalfSpread,
    double ConstantRmse,
    double ConstantMae,
    double ModelPnl,
    double BestConstantHalfSpread,
    double BestConstantPnl)
{
    /// <summary>Share of the constant's squared error the model removes (out-of-sample R² against the constant).</summary>
    public double ErrorReduction => 1 - (ModelRmse * ModelRmse / (ConstantRmse * ConstantRmse));
}
