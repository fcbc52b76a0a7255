using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Text;

/// <summary>
/// The reader's own copy of the book, to tell whether a message leaves it crossed. When undoable,
/// every change since <see cref="Begin"/> is logged so a rejected message can be taken back; formats
/// that resynchronize instead (clearing the book) skip the log.
/// </summary>
internal sealed class CheckedBook(bool undoable)
{
    private readonly OrderBook _book = new();
    private (Side Side, long Price, long Size)[] _undo = new (Side, long, long)[256];
    private int _undoCount;

    public bool IsCrossed => _book.IsCrossed;

    public void Begin() => _undoCount = 0;

    public void Set(Side side, long price, long size)
    {
        if (undoable)
        {
            Log(side, price, _book.SizeAt(side, price));
        }

        _book.Set(side, price, size);
    }

    /// <summary>Empties the book, logging every level so a rejected snapshot can be undone.</summary>
    public void Clear()
    {
        if (undoable)
        {
            LogLevels(Side.Buy);
            LogLevels(Side.Sell);
        }

        _book.Clear();
    }

    public void Rollback()
    {
        if (!undoable)
        {
            throw new InvalidOperationException("this book keeps no undo log");
        }

        for (int i = _undoCount - 1; i >= 0; i--)
        {
            (Side side, long price, long size) = _undo[i];
            _book.Set(side, price, size);
        }

        _undoCount = 0;
    }

    /// <summary>Empties the book for good (a resynchronization): nothing to undo.</summary>
    public void Reset()
    {
        _book.Clear();
        _undoCount = 0;
    }

    /// <summary>"best bid 100 ≥ best ask 99" in ticks, for an error message.</summary>
    public string DescribeCross() => $"best bid {_book.Best(Side.Buy).Price} ≥ best ask {_book.Best(Side.Sell).Price} (ticks)";

    private void LogLevels(Side side)
    {
        for (int i = 0; i < _book.LevelCount(side); i++)
        {
            BookLevel level = _book.Level(side, i);
            Log(side, level.Price, level.Size);
        }
    }

    private void Log(Side side, long price, long size)
    {
        if (_undoCount == _undo.Length)
        {
            Array.Resize(ref _undo, _undo.Length * 2);
        }

        _undo[_undoCount++] = (side, price, size);
    }
}
