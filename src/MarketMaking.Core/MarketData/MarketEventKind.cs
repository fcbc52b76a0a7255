namespace MarketMaking.Core.MarketData;

/// <summary>What a <see cref="MarketEvent"/> says.</summary>
public enum MarketEventKind : byte
{
    /// <summary>A snapshot follows: forget every level on both sides.</summary>
    BookClear = 0,

    /// <summary>The total size resting at (side, price) is now Size; 0 deletes the level.</summary>
    BookLevel = 1,

    /// <summary>A trade. Side is the aggressor's: Buy means a buyer lifted the ask. Id is the trade id.</summary>
    Trade = 2,

    /// <summary>The exchange's own best bid or ask (e.g. Binance bookTicker), for checking a rebuilt book. Id is its update id.</summary>
    BestQuote = 3,

    /// <summary>
    /// Order by order (L3): a new order Id rests at the back of (Side, Price) with Size. The L3 formats
    /// follow every order event with the BookLevel it leaves, so L2 consumers read the same stream.
    /// </summary>
    OrderAdd = 4,

    /// <summary>L3: order Id (at Side, Price) is cancelled in part: Size lots leave, its place is kept.</summary>
    OrderCancel = 5,

    /// <summary>L3: order Id (at Side, Price) is deleted whole, whatever its size; Size is what the source says it held.</summary>
    OrderDelete = 6,

    /// <summary>
    /// L3: Size lots of the resting order Id (Side is the resting order's, not the aggressor's) trade
    /// at Price. The L3 formats follow it with the matching Trade (aggressor side) for L2 consumers.
    /// </summary>
    OrderExecute = 7,

    /// <summary>L3: order Id now rests at (Side, Price) with Size; it loses its place unless only its size fell at the same price.</summary>
    OrderModify = 8,
}
