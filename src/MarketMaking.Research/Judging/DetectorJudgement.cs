using MarketMaking.Learning.Supervised;

namespace MarketMaking.Research.Judging;

/// <summary>
/// The adverse-selection detector fitted on a touch quoter's morning fills (those whose markout
/// lands in the morning) and scored on its afternoon fills.
/// </summary>
/// <param name="Strategy">The quoter whose fills were labelled.</param>
/// <param name="Horizon">Seconds from a fill to its markout.</param>
/// <param name="TrainFills">Morning fills fitted on.</param>
/// <param name="TrainAdverse">Of which adverse.</param>
/// <param name="Test">Scores on the afternoon's fills.</param>
/// <param name="AucInterval">Hanley–McNeil 95% interval of the afternoon AUC.</param>
public sealed record DetectorJudgement(string Strategy, double Horizon, int TrainFills, int TrainAdverse, ClassifierEvaluation Test, AucInterval AucInterval);
