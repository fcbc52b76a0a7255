using System.Text.Json.Serialization;
using MarketMaking.Core.Metrics;

namespace MarketMaking.Research.Judging;

/// <summary>One strategy traded in one afternoon block, flat at its start, marked at the mid at its end.</summary>
/// <param name="Block">The block, e.g. "12:00–12:30" New York time.</param>
/// <param name="NetPnl">Net PnL (after fees), inventory marked at the block's last mid.</param>
/// <param name="RiskAdjustedPnl">Net PnL − ∫λq²dt.</param>
/// <param name="Fills">Our fills.</param>
/// <param name="MeanAbsInventory">Time-averaged |q|.</param>
/// <param name="FirstFill">Local time of the first fill (UTC ns), 0 without fills.</param>
/// <param name="LastFill">Local time of the last fill (UTC ns), 0 without fills.</param>
/// <param name="Metrics">The run's metrics, which the paired comparisons read (not printed).</param>
public sealed record BlockResult(string Block, double NetPnl, double RiskAdjustedPnl, long Fills, double MeanAbsInventory, long FirstFill, long LastFill, [property: JsonIgnore] RunMetrics Metrics);
