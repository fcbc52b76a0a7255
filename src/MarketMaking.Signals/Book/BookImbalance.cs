using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;

namespace MarketMaking.Signals.Book;

/// <summary>
/// Order book imbalance (Vb − Va)/(Vb + Va) in [−1, 1] over the best k non-empty levels of each
/// side (k = 1: the touch). Positive when bids outweigh asks. NaN when both sides are empty.
/// </summary>
public sealed class BookImbalance : ISignal
{
    public BookImbalance(int levels = 1)
    {
        Levels = BookDepth.RequireLevels(levels);
    }

    public int Levels { get; }

    public double Value { get; private set; } = double.NaN;

    public bool IsReady => !double.IsNaN(Value);

    public void Update(IOrderBookView book) => Value = Compute(book, Levels);

    public static double Compute(IOrderBookView book, int levels)
    {
        long bid = BookDepth.Sum(book, Side.Buy, levels);
        long ask = BookDepth.Sum(book, Side.Sell, levels);
        long total = bid + ask;
        return total == 0 ? double.NaN : (double)(bid - ask) / total;
    }
}
