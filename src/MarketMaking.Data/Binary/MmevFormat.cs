using System.Buffers.Binary;
using System.Text;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Binary;

/// <summary>
/// The .mmev binary event file, little-endian throughout.
/// <code>
/// header (64 bytes + symbol, padded to 8):
///   0  "MMEV"          magic
///   4  u16 version     2 (version 1, without the order-by-order kinds, is read too)
///   6  u16 header size bytes before the first record
///   8  i64 count       events in the file, −1 when the writer could not seek back to fill it in
///  16  f64 tick size
///  24  f64 lot size
///  32  u16 record size 40
///  34  u16 symbol      length of the UTF-8 symbol that follows the 64 fixed bytes
///  36  28 bytes zero   reserved
/// record (40 bytes): i64 exchange time, i64 local time, i64 price, i64 id,
///   u64 size (low 56 bits) | flags (high 8 bits: kind low bits 0-1, side bit 2, markers bits 3-4,
///   kind high bits 5-6 (the L3 kinds; zero in version 1), bit 7 zero)
/// </code>
/// Fixed records decode with five loads and no branches, which is what makes reading fast; folding
/// the flags into the size's unused top byte keeps a record at 40 bytes instead of 48.
/// </summary>
internal static class MmevFormat
{
    public const int Version = 2;
    public const int RecordSize = 40;
    public const int FixedHeaderSize = 64;
    public const long UnknownCount = -1;
    public const int SizeBits = 56;
    public const long MaxSize = (1L << SizeBits) - 1;
    public const int ReservedFlagBits = 0x80;

    public static ReadOnlySpan<byte> Magic => "MMEV"u8;

    public static byte[] Header(Instrument instrument, long count)
    {
        byte[] symbol = Encoding.UTF8.GetBytes(instrument.Symbol);
        if (symbol.Length > ushort.MaxValue)
        {
            throw new InvalidParameterException("symbol", "longer than 65,535 bytes");
        }

        var header = new byte[Align8(FixedHeaderSize + symbol.Length)];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), (ushort)header.Length);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), count);
        BinaryPrimitives.WriteDoubleLittleEndian(header.AsSpan(16), instrument.TickSize);
        BinaryPrimitives.WriteDoubleLittleEndian(header.AsSpan(24), instrument.LotSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(32), RecordSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(34), (ushort)symbol.Length);
        symbol.CopyTo(header.AsSpan(FixedHeaderSize));
        return header;
    }

    /// <summary>Reads and checks the header; returns the instrument, the event count (−1: unknown) and the header size.</summary>
    public static (Instrument Instrument, long Count, int HeaderSize) ReadHeader(Stream stream, string path)
    {
        var fixedPart = new byte[FixedHeaderSize];
        if (stream.ReadAtLeast(fixedPart, FixedHeaderSize, throwOnEndOfStream: false) < FixedHeaderSize || !fixedPart.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new DataFormatException(path, 0, "header", "not an .mmev event file (no MMEV header)");
        }

        int version = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(4));
        int headerSize = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(6));
        long count = BinaryPrimitives.ReadInt64LittleEndian(fixedPart.AsSpan(8));
        double tick = BinaryPrimitives.ReadDoubleLittleEndian(fixedPart.AsSpan(16));
        double lot = BinaryPrimitives.ReadDoubleLittleEndian(fixedPart.AsSpan(24));
        int recordSize = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(32));
        int symbolLength = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(34));
        if (version is not (1 or Version))
        {
            throw new DataFormatException(path, 0, "version", $"version {version} is not supported (this build reads versions 1 and {Version})");
        }

        if (recordSize != RecordSize || headerSize != Align8(FixedHeaderSize + symbolLength) || count < UnknownCount)
        {
            throw new DataFormatException(path, 0, "header", "inconsistent header (record size, header size or count)");
        }

        var rest = new byte[headerSize - FixedHeaderSize];
        if (stream.ReadAtLeast(rest, rest.Length, throwOnEndOfStream: false) < rest.Length)
        {
            throw new DataFormatException(path, 0, "header", "the file ends inside its header");
        }

        string symbol = Encoding.UTF8.GetString(rest.AsSpan(0, symbolLength));
        Instrument instrument;
        try
        {
            instrument = new Instrument(symbol, tick, lot);
        }
        catch (InvalidParameterException e)
        {
            throw new DataFormatException(path, 0, "header", e.Message);
        }

        return (instrument, count, headerSize);
    }

    public static void Encode(in MarketEvent e, Span<byte> record)
    {
        if ((ulong)e.Size > MaxSize)
        {
            throw new ArgumentOutOfRangeException(nameof(e), e.Size, "an .mmev size must be between 0 and 2^56 − 1 lots");
        }

        ulong kind = (ulong)e.Kind;
        ulong flags = (kind & 3) | ((ulong)e.Side << 2) | ((ulong)e.Markers << 3) | ((kind >> 2) << 5);
        if ((flags & ~0x7FUL) != 0 || (ulong)e.Side > 1 || (ulong)e.Markers > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(e), "kind, side or markers out of the .mmev range");
        }

        BinaryPrimitives.WriteInt64LittleEndian(record, e.ExchangeTime);
        BinaryPrimitives.WriteInt64LittleEndian(record[8..], e.LocalTime);
        BinaryPrimitives.WriteInt64LittleEndian(record[16..], e.Price);
        BinaryPrimitives.WriteInt64LittleEndian(record[24..], e.Id);
        BinaryPrimitives.WriteUInt64LittleEndian(record[32..], (ulong)e.Size | (flags << SizeBits));
    }

    public static MarketEvent Decode(long exchangeTime, long localTime, long price, long id, ulong sizeAndFlags)
    {
        int flags = (int)(sizeAndFlags >> SizeBits);
        return new MarketEvent(
            exchangeTime,
            localTime,
            (MarketEventKind)((flags & 3) | (((flags >> 5) & 3) << 2)),
            (Side)((flags >> 2) & 1),
            price,
            (long)(sizeAndFlags & MaxSize),
            id,
            (EventMarkers)((flags >> 3) & 3));
    }

    private static int Align8(int n) => (n + 7) & ~7;
}
