using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;

namespace MarketMaking.Signals.Book;

/// <summary>
/// Stoikov's micro-price in ticks: mid + G(I, S) from a fitted <see cref="MicropriceModel"/>
/// (see <see cref="MicropriceEstimator"/>); the size-weighted mid until a model is set, and in
/// states the model never observed. NaN when a side is empty.
/// </summary>
public sealed class Microprice : ISignal
{
    public Microprice(MicropriceModel? model = null)
    {
        Model = model;
    }

    /// <summary>May be replaced at any time, e.g. by a periodic refit.</summary>
    public MicropriceModel? Model { get; set; }

    public bool IsFitted => Model is not null;

    public double Value { get; private set; } = double.NaN;

    public bool IsReady => !double.IsNaN(Value);

    public void Update(IOrderBookView book)
    {
        BookLevel bid = book.Best(Side.Buy);
        BookLevel ask = book.Best(Side.Sell);
        if (bid.IsEmpty || ask.IsEmpty)
        {
            Value = double.NaN;
            return;
        }

        double adjustment = double.NaN;
        if (Model is not null)
        {
            double imbalance = (double)(bid.Size - ask.Size) / (bid.Size + ask.Size);
            adjustment = Model.Adjustment(imbalance, ask.Price - bid.Price);
        }

        Value = double.IsNaN(adjustment) ? WeightedMid.Compute(book) : ((bid.Price + ask.Price) / 2.0) + adjustment;
    }
}
