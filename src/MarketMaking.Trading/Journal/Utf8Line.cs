using System.Globalization;
using System.Text;

namespace MarketMaking.Trading.Journal;

/// <summary>
/// Writes a line of the journal as UTF-8 into a caller's buffer, piece by piece, without allocating
/// (Utf8.TryWrite boxes each decimal it formats). The buffer must have room: callers size it from
/// each text's longest form.
/// </summary>
internal ref struct Utf8Line(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;

    public int Length { get; private set; }

    public void Append(ReadOnlySpan<byte> text)
    {
        text.CopyTo(_destination[Length..]);
        Length += text.Length;
    }

    public void Append(string text) => Length += Encoding.UTF8.GetBytes(text, _destination[Length..]);

    public void Append(decimal value)
    {
        value.TryFormat(_destination[Length..], out int written, default, CultureInfo.InvariantCulture);
        Length += written;
    }

    public void Append(long value)
    {
        value.TryFormat(_destination[Length..], out int written, default, CultureInfo.InvariantCulture);
        Length += written;
    }

    /// <summary>
    /// A double to 15 significant digits, or <c>null</c> when it is not finite: a price on its tick
    /// reads as it was meant (100.07, where the shortest round trip of the binary double is
    /// 100.07000000000001), and nothing the journal records carries more digits than that.
    /// </summary>
    public void Append(double value)
    {
        if (!double.IsFinite(value))
        {
            Append("null"u8);
            return;
        }

        value.TryFormat(_destination[Length..], out int written, "G15", CultureInfo.InvariantCulture);
        Length += written;
    }
}
