using MarketMaking.Core.MarketData;

namespace MarketMaking.Data.Text;

/// <summary>What every line parser of one reader shares: units, bad-row handling, output, the clock check.</summary>
internal sealed class ParseContext(UnitConverter units, BadRowHandler badRows)
{
    public UnitConverter Units { get; } = units;

    public BadRowHandler BadRows { get; } = badRows;

    public EventBuffer Output { get; } = new();

    /// <summary>Local time of the last good row (long.MinValue before the first).</summary>
    public long LastLocalTime { get; private set; } = long.MinValue;

    /// <summary>Book updates read but never applied: before the first snapshot, older than it, or after a gap.</summary>
    public long UnappliedUpdates { get; set; }

    /// <summary>False (after reporting) when a row's local time is earlier than the previous row's.</summary>
    public bool AdvanceClock(long localTime, long line, string field)
    {
        if (localTime < LastLocalTime)
        {
            BadRows.Report(BadRowReason.TimeWentBackwards, line, field, $"local time {TimeText.Instant(localTime)} is before the previous row's {TimeText.Instant(LastLocalTime)}");
            return false;
        }

        LastLocalTime = localTime;
        return true;
    }

    /// <summary>Reports a price that did not convert to ticks.</summary>
    public void ReportPrice(NumberStatus status, long line, string field, ReadOnlySpan<byte> text)
    {
        (BadRowReason reason, string problem) = BadRowHandler.Describe(status, text, Units.PriceGrid, "tick");
        BadRows.Report(reason, line, field, problem);
    }

    /// <summary>Reports a size that did not convert to lots.</summary>
    public void ReportQuantity(NumberStatus status, long line, string field, ReadOnlySpan<byte> text)
    {
        (BadRowReason reason, string problem) = BadRowHandler.Describe(status, text, Units.QuantityGrid, "lot");
        BadRows.Report(reason, line, field, problem);
    }
}
