namespace MarketMaking.Learning.Evaluation;

/// <summary>
/// A strategy's objective on the benchmark: the mean of X_T + q_T·S_T − α·q_T² − φ∫q²dt over
/// trajectories with its standard error, and the PnL and inventory statistics behind it.
/// </summary>
public sealed record ObjectiveEstimate(string Strategy, double Mean, double StandardError, double PnlMean, double PnlStd, double MeanAbsInventory, double[] PerTrajectory)
{
    public double Lower => Mean - (1.96 * StandardError);

    public double Upper => Mean + (1.96 * StandardError);
}
