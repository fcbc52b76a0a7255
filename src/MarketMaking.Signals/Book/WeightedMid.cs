using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;

namespace MarketMaking.Signals.Book;

/// <summary>
/// Size-weighted mid (Pb·Va + Pa·Vb)/(Va + Vb) in ticks: leans toward the ask when the bid queue
/// is larger, because the ask is then more likely to be the next price. NaN when a side is empty.
/// </summary>
public sealed class WeightedMid : ISignal
{
    public double Value { get; private set; } = double.NaN;

    public bool IsReady => !double.IsNaN(Value);

    public void Update(IOrderBookView book) => Value = Compute(book);

    public static double Compute(IOrderBookView book)
    {
        BookLevel bid = book.Best(Side.Buy);
        BookLevel ask = book.Best(Side.Sell);
        if (bid.IsEmpty || ask.IsEmpty)
        {
            return double.NaN;
        }

        return ((double)bid.Price * ask.Size + ((double)ask.Price * bid.Size)) / (bid.Size + ask.Size);
    }
}
