namespace MarketMaking.Core.Books;

/// <summary>One price level of an aggregated (L2) book: price in ticks, total size in lots.</summary>
public readonly record struct BookLevel(long Price, long Size)
{
    public bool IsEmpty => Size == 0;
}
