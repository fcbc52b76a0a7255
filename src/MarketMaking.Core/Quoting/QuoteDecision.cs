using System.Diagnostics.CodeAnalysis;
using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Quoting;

/// <summary>
/// What a strategy wants resting in the market: up to <see cref="MaxLevels"/> levels per side,
/// best first. A side with no levels is withdrawn. A value type with inline storage: deciding
/// allocates nothing.
/// </summary>
public struct QuoteDecision
{
    public const int MaxLevels = 10;

    private QuoteLevelBuffer _bids;
    private QuoteLevelBuffer _asks;

    // Built in place (a strategy's return value), where filling a default and returning it copied the whole struct each decision.
    private QuoteDecision(double bid, double ask, double quantity)
    {
        if (!double.IsNaN(bid))
        {
            _bids[0] = new QuoteLevel(bid, quantity);
            BidCount = 1;
        }

        if (!double.IsNaN(ask))
        {
            _asks[0] = new QuoteLevel(ask, quantity);
            AskCount = 1;
        }
    }

    public int BidCount { readonly get; private set; }

    public int AskCount { readonly get; private set; }

    /// <summary>Bids, best (highest) first.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<QuoteLevel> Bids => ((ReadOnlySpan<QuoteLevel>)_bids)[..BidCount];

    /// <summary>Asks, best (lowest) first.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<QuoteLevel> Asks => ((ReadOnlySpan<QuoteLevel>)_asks)[..AskCount];

    [UnscopedRef]
    public readonly ReadOnlySpan<QuoteLevel> Levels(Side side) => side == Side.Buy ? Bids : Asks;

    public readonly int Count(Side side) => side == Side.Buy ? BidCount : AskCount;

    /// <summary>Appends a level to a side. Levels must be added best first.</summary>
    public void Add(Side side, double price, double quantity)
    {
        if (side == Side.Buy)
        {
            _bids[Reserve(BidCount)] = new QuoteLevel(price, quantity);
            BidCount++;
        }
        else
        {
            _asks[Reserve(AskCount)] = new QuoteLevel(price, quantity);
            AskCount++;
        }
    }

    /// <summary>Removes every level of a side: the side is not quoted.</summary>
    public void Withdraw(Side side)
    {
        if (side == Side.Buy)
        {
            BidCount = 0;
        }
        else
        {
            AskCount = 0;
        }
    }

    /// <summary>Keeps only the first <paramref name="count"/> levels of a side.</summary>
    public void Truncate(Side side, int count)
    {
        if (side == Side.Buy)
        {
            BidCount = Math.Min(BidCount, count);
        }
        else
        {
            AskCount = Math.Min(AskCount, count);
        }
    }

    /// <summary>Replaces the quantity of one level (used by inventory-aware sizing).</summary>
    public void SetQuantity(Side side, int level, double quantity)
    {
        if ((uint)level >= (uint)Count(side))
        {
            throw new ArgumentOutOfRangeException(nameof(level));
        }

        if (side == Side.Buy)
        {
            _bids[level] = _bids[level] with { Quantity = quantity };
        }
        else
        {
            _asks[level] = _asks[level] with { Quantity = quantity };
        }
    }

    /// <summary>One bid and one ask of the same quantity; a NaN price leaves that side out.</summary>
    public static QuoteDecision TwoSided(double bid, double ask, double quantity) => new(bid, ask, quantity);

    /// <summary>No quotes on either side.</summary>
    public static QuoteDecision None => default;

    private static int Reserve(int count) =>
        count < MaxLevels ? count : throw new InvalidOperationException($"a quote decision holds at most {MaxLevels} levels per side");
}
