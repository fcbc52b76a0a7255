using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Data.Files;

namespace MarketMaking.Research.Judging;

/// <summary>
/// A trading day cut on the New York clock: the morning [open, split) that models are fitted on,
/// and the afternoon [split, close) cut into equal blocks [from, to) that strategies are judged on.
/// Times are UTC nanoseconds since the Unix epoch, as replayed events carry them.
/// </summary>
public sealed record TradingDaySchedule
{
    private TradingDaySchedule(DateOnly day, long open, long split, long close, TimeSpan block, IReadOnlyList<TradingBlock> blocks)
    {
        Day = day;
        Open = open;
        Split = split;
        Close = close;
        Block = block;
        Blocks = blocks;
    }

    /// <summary>The New York calendar day.</summary>
    public DateOnly Day { get; }

    /// <summary>Start of the morning (ns).</summary>
    public long Open { get; }

    /// <summary>End of the morning and start of the afternoon (ns).</summary>
    public long Split { get; }

    /// <summary>End of the afternoon (ns), excluded.</summary>
    public long Close { get; }

    /// <summary>Length of each afternoon block.</summary>
    public TimeSpan Block { get; }

    /// <summary>The afternoon's blocks in time order; they tile [split, close).</summary>
    public IReadOnlyList<TradingBlock> Blocks { get; }

    /// <summary>
    /// The schedule of <paramref name="day"/>: New York wall-clock <paramref name="open"/>,
    /// <paramref name="split"/> and <paramref name="close"/>, afternoon blocks of <paramref name="block"/>.
    /// </summary>
    /// <exception cref="InvalidParameterException">The times are out of order, or the blocks do not tile the afternoon.</exception>
    public static TradingDaySchedule For(DateOnly day, TimeOnly open, TimeOnly split, TimeOnly close, TimeSpan block)
    {
        if (!(open < split && split < close))
        {
            throw new InvalidParameterException("split", $"need open < split < close, got {open:HH\\:mm}, {split:HH\\:mm}, {close:HH\\:mm}");
        }

        TimeSpan afternoon = close - split;
        if (block <= TimeSpan.Zero || afternoon.Ticks % block.Ticks != 0)
        {
            throw new InvalidParameterException("block", $"must divide the afternoon ({afternoon.TotalMinutes:G} min) into whole blocks, got {block.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min");
        }

        var blocks = new List<TradingBlock>();
        for (int i = 0; i < afternoon.Ticks / block.Ticks; i++)
        {
            TimeOnly from = split.Add(i * block), to = from.Add(block);
            blocks.Add(new TradingBlock(i, from, to, NewYorkClock.ToUtcNanos(day, from), NewYorkClock.ToUtcNanos(day, to)));
        }

        return new TradingDaySchedule(day, NewYorkClock.ToUtcNanos(day, open), NewYorkClock.ToUtcNanos(day, split), NewYorkClock.ToUtcNanos(day, close), block, blocks);
    }

    /// <summary>The block holding <paramref name="time"/> (ns), or null in the morning or after the close.</summary>
    public TradingBlock? BlockOf(long time)
    {
        if (time < Split || time >= Close)
        {
            return null;
        }

        return Blocks[(int)((time - Split) / (Blocks[0].To - Blocks[0].From))];
    }
}
