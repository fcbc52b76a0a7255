using System.Text;
using System.Text.Json;

namespace MarketMaking.Data.Bybit.Trading.Json;

/// <summary>
/// Strings a stream repeats (the symbol, the category, an order's ids on each of its updates), found
/// by their UTF-8 bytes instead of decoded anew each time. A direct-mapped cache: a slot per hash of
/// the bytes, holding the last string met there (a collision just decodes). A slot holds an
/// immutable string swapped in whole, so readers on several threads need no lock. Only ASCII
/// strings are kept (Bybit's ids and names are); any other value is decoded as it comes.
/// </summary>
internal sealed class Utf8Texts
{
    // Longer values are not ids or names: they are decoded as they come.
    private const int MaxLength = 64;
    private readonly string?[] _slots;

    /// <param name="slots">How many strings it holds: a power of two.</param>
    public Utf8Texts(int slots)
    {
        if (slots <= 0 || (slots & (slots - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), "a power of two");
        }

        _slots = new string?[slots];
    }

    /// <summary>The reader's string value as <see cref="Utf8JsonReader.GetString"/> gives it (null for JSON null; what it refuses is refused).</summary>
    public string? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
        {
            return reader.GetString();
        }

        ReadOnlySpan<byte> utf8 = reader.ValueSpan;
        if (utf8.IsEmpty)
        {
            return "";
        }

        var hash = default(HashCode);
        hash.AddBytes(utf8);
        ref string? slot = ref _slots[hash.ToHashCode() & (_slots.Length - 1)];
        string? known = Volatile.Read(ref slot);
        if (known is not null && Ascii.Equals(utf8, known))
        {
            return known;
        }

        string text = reader.GetString()!;
        if (Ascii.IsValid(utf8))
        {
            Volatile.Write(ref slot, text);
        }

        return text;
    }
}
