using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;

namespace MarketMaking.Signals.Book;

/// <summary>
/// Bid depth over ask depth, Vb/Va, summed over the best k non-empty levels of each side; above 1
/// when the bid side is deeper. NaN when the ask side is empty.
/// </summary>
public sealed class DepthRatio : ISignal
{
    public DepthRatio(int levels = 5)
    {
        Levels = BookDepth.RequireLevels(levels);
    }

    public int Levels { get; }

    public double Value { get; private set; } = double.NaN;

    public bool IsReady => !double.IsNaN(Value);

    public void Update(IOrderBookView book)
    {
        long ask = BookDepth.Sum(book, Side.Sell, Levels);
        Value = ask == 0 ? double.NaN : (double)BookDepth.Sum(book, Side.Buy, Levels) / ask;
    }
}
