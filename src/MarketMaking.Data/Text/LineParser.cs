namespace MarketMaking.Data.Text;

/// <summary>One format's line-by-line parser: turns lines into events in its context's output.</summary>
internal abstract class LineParser(ParseContext context)
{
    protected ParseContext Context { get; } = context;

    /// <summary>The symbol the data names, once a line has named it.</summary>
    public string? Symbol { get; protected set; }

    public abstract void Parse(ReadOnlySpan<byte> line, long lineNumber);

    /// <summary>End of the file: flush a message still open.</summary>
    public virtual void Finish()
    {
    }

    /// <summary>Remembers the first symbol; false when a later line names another (two instruments in one file).</summary>
    protected bool CheckSymbol(ReadOnlySpan<byte> symbol, ref byte[]? seen)
    {
        if (seen is null)
        {
            seen = symbol.ToArray();
            Symbol = System.Text.Encoding.UTF8.GetString(symbol);
            return true;
        }

        return symbol.SequenceEqual(seen);
    }
}
