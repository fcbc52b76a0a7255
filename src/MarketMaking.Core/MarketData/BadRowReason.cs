namespace MarketMaking.Core.MarketData;

/// <summary>Why a data reader rejected a row; skipped rows are counted per reason.</summary>
public enum BadRowReason
{
    /// <summary>A row that is not the format's shape: bad JSON, missing fields, wrong column count, unknown values.</summary>
    Malformed,

    /// <summary>A price, size or time that is not a number.</summary>
    UnparsableNumber,

    /// <summary>A price or size that is not a whole number of the instrument's ticks or lots.</summary>
    OffGrid,

    /// <summary>A negative size or volume.</summary>
    NegativeSize,

    /// <summary>A price of zero or below (a size of zero deletes a level; a price of zero means nothing).</summary>
    NonPositivePrice,

    /// <summary>A local time earlier than the previous row's.</summary>
    TimeWentBackwards,

    /// <summary>Best bid at or above best ask after a complete message.</summary>
    CrossedBook,

    /// <summary>An update id that does not follow the previous one: updates were lost.</summary>
    SequenceGap,

    /// <summary>An OHLCV bar whose high is below its low, or whose open or close lies outside them.</summary>
    InconsistentBar,

    /// <summary>A level of the book rebuilt from a file's order messages that differs from the file's own book (LOBSTER's order-book rows).</summary>
    BookMismatch,
}
