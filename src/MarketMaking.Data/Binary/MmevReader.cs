using System.Buffers.Binary;
using System.Runtime.InteropServices;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Binary;

/// <summary>
/// Streams events from an .mmev file (plain, or gzip/zip compressed): large block reads decoded
/// in place, with no allocation per event or per call.
/// </summary>
public sealed class MmevReader : MarketDataReader
{
    // 256 KB blocks: large enough that a read is one system call per 6,500 events, small enough to stay in L2.
    private const int BlockEvents = 6_553;

    private readonly Stream _stream;
    private readonly byte[] _block = new byte[BlockEvents * MmevFormat.RecordSize];
    private readonly long _headerCount;
    private readonly int _headerSize;
    private long _read;

    public MmevReader(string path)
        : base(path)
    {
        _stream = DataStreams.OpenRead(path);
        try
        {
            (Instrument, _headerCount, _headerSize) = MmevFormat.ReadHeader(_stream, path);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    public override Instrument Instrument { get; }

    /// <summary>Events in the file as its header states; null when the writer could not record it.</summary>
    public long? Count => _headerCount >= 0 ? _headerCount : null;

    public override int Read(Span<MarketEvent> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int want = Math.Min(buffer.Length - total, BlockEvents) * MmevFormat.RecordSize;
            int got = _stream.ReadAtLeast(_block.AsSpan(0, want), want, throwOnEndOfStream: false);
            int records = got / MmevFormat.RecordSize;
            Decode(_block.AsSpan(0, records * MmevFormat.RecordSize), buffer.Slice(total, records));
            total += records;
            _read += records;
            if (got < want)
            {
                if (got % MmevFormat.RecordSize != 0)
                {
                    throw new DataFormatException(Path, _read + 1, "record", $"the file ends inside record {_read + 1} (truncated?)");
                }

                if (_headerCount >= 0 && _read != _headerCount)
                {
                    throw new DataFormatException(Path, _read, "count", $"the header says {_headerCount} events but the file holds {_read}");
                }

                break;
            }
        }

        return total;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Decode(ReadOnlySpan<byte> bytes, Span<MarketEvent> events)
    {
        ulong flags = 0;
        if (BitConverter.IsLittleEndian)
        {
            ReadOnlySpan<long> words = MemoryMarshal.Cast<byte, long>(bytes);
            for (int i = 0; i < events.Length; i++)
            {
                ReadOnlySpan<long> w = words.Slice(i * 5, 5);
                ulong sizeAndFlags = (ulong)w[4];
                flags |= sizeAndFlags;
                events[i] = MmevFormat.Decode(w[0], w[1], w[2], w[3], sizeAndFlags);
            }
        }
        else
        {
            for (int i = 0; i < events.Length; i++)
            {
                ReadOnlySpan<byte> r = bytes.Slice(i * MmevFormat.RecordSize, MmevFormat.RecordSize);
                ulong sizeAndFlags = BinaryPrimitives.ReadUInt64LittleEndian(r[32..]);
                flags |= sizeAndFlags;
                events[i] = MmevFormat.Decode(
                    BinaryPrimitives.ReadInt64LittleEndian(r),
                    BinaryPrimitives.ReadInt64LittleEndian(r[8..]),
                    BinaryPrimitives.ReadInt64LittleEndian(r[16..]),
                    BinaryPrimitives.ReadInt64LittleEndian(r[24..]),
                    sizeAndFlags);
            }
        }

        // One check per block: a set reserved bit means this is not a record of this version.
        if (((flags >> MmevFormat.SizeBits) & MmevFormat.ReservedFlagBits) != 0)
        {
            throw new DataFormatException(Path, _read + 1, "record", $"a record among {_read + 1}..{_read + events.Length} has reserved flag bits set: corrupt file");
        }
    }
}
