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
}
