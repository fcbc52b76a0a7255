namespace MarketMaking.Core.Metrics;

/// <summary>
/// How the mid moved against or for our fills one horizon after them. Markout per unit of a fill
/// is side sign · (mid at fill time + horizon − fill price): positive when the fill made money.
/// </summary>
/// <param name="Horizon">Time after the fill, in the unit of fill times.</param>
/// <param name="Count">Fills whose horizon was reached by the data.</param>
/// <param name="Unresolved">Fills still waiting at the end: their horizon lies beyond the data.</param>
/// <param name="MeanPerUnit">Quantity-weighted mean markout per unit over resolved fills; NaN if none.</param>
/// <param name="Total">Σ markout per unit · quantity over resolved fills.</param>
public readonly record struct MarkoutResult(double Horizon, long Count, long Unresolved, double MeanPerUnit, double Total);
