namespace MarketMaking.Signals;

/// <summary>
/// A streaming feature whose current value can be read at any time, by a strategy, an RL
/// observation or the CLI. Each signal has its own update method, because the inputs differ
/// (a book, a trade, a bar).
/// </summary>
public interface ISignal
{
    /// <summary>The current value; NaN while it is undefined (e.g. a side of the book is empty).</summary>
    double Value { get; }

    /// <summary>True once the value is defined and its window (if any) has filled.</summary>
    bool IsReady { get; }
}
