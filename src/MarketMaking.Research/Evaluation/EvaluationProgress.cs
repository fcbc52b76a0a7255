namespace MarketMaking.Research.Evaluation;

/// <summary>How far a policy evaluation is: <paramref name="Done"/> of <paramref name="Total"/> strategies scored, the last one <paramref name="Finished"/>.</summary>
/// <param name="Done">Strategies scored so far.</param>
/// <param name="Total">Strategies to score.</param>
/// <param name="Finished">The strategy just scored.</param>
public sealed record EvaluationProgress(int Done, int Total, string Finished);
