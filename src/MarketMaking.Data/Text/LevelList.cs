using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Text;

/// <summary>The levels of the message being parsed; reused from message to message.</summary>
internal sealed class LevelList
{
    private PriceLevel[] _levels = new PriceLevel[1024];

    public int Count { get; private set; }

    public ReadOnlySpan<PriceLevel> Span => _levels.AsSpan(0, Count);

    public void Add(Side side, long price, long size)
    {
        if (Count == _levels.Length)
        {
            Array.Resize(ref _levels, Count * 2);
        }

        _levels[Count++] = new PriceLevel(side, price, size);
    }

    public void Clear() => Count = 0;
}
