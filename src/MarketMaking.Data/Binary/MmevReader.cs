using System.Buffers;
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
/// in place, with no allocation per event or per call. Leaves out level echoes on request
/// (<see cref="ILevelEchoSource"/>): each call then holds its last event back until the next one,
/// whose first event may be the echo that ends its batch.
/// </summary>
public sealed class MmevReader : MarketDataReader, ILevelEchoSource
{
    // 256 KB blocks: large enough that a read is one system call per 6,500 events, small enough to stay in L2.
    private const int BlockEvents = 6_553;

    private readonly Stream _stream;
    // From the shared pool (back on Dispose): replays one after another (a sweep, a benchmark) reuse a
    // block whose pages are mapped and cached, where a new one faulted its pages in on every replay.
    private readonly byte[] _block = ArrayPool<byte>.Shared.Rent(BlockEvents * MmevFormat.RecordSize);
    private readonly long _headerCount;
    private readonly int _headerSize;
    private long _read;
    private MarketEvent _held;
    private bool _holding;
    private bool _omitLevelEchoes;
    private bool _disposed;

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

    /// <summary>Leaves out level echoes (see <see cref="ILevelEchoSource"/>); on a little-endian machine only (elsewhere every event is read).</summary>
    public bool OmitLevelEchoes
    {
        get => _omitLevelEchoes;
        set => _omitLevelEchoes = value && BitConverter.IsLittleEndian;
    }

    public long OmittedEvents { get; private set; }

    public override int Read(Span<MarketEvent> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return OmitLevelEchoes ? ReadWithoutEchoes(buffer) : ReadRecords(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            // Once only: a block returned twice would be handed to two renters.
            _disposed = true;
            _stream.Dispose();
            ArrayPool<byte>.Shared.Return(_block);
        }

        base.Dispose(disposing);
    }

    /// <summary>Reads as many records as fit (fewer only at the end of the file).</summary>
    private int ReadRecords(Span<MarketEvent> buffer)
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
                CheckEnd(got);
                break;
            }
        }

        return total;
    }

    /// <summary>As <see cref="ReadRecords"/> without the level echoes, holding the last event back (unless the file has ended) for the echo that may end its batch.</summary>
    private int ReadWithoutEchoes(Span<MarketEvent> buffer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buffer.Length, 2, nameof(buffer));
        int total = 0;
        if (_holding)
        {
            buffer[total++] = _held;
            _holding = false;
        }

        while (total < buffer.Length)
        {
            int want = Math.Min(buffer.Length - total, BlockEvents) * MmevFormat.RecordSize;
            int got = _stream.ReadAtLeast(_block.AsSpan(0, want), want, throwOnEndOfStream: false);
            int records = got / MmevFormat.RecordSize;
            total = DecodeWithoutEchoes(_block.AsSpan(0, records * MmevFormat.RecordSize), buffer, total);
            _read += records;
            if (got < want)
            {
                CheckEnd(got);
                return total;
            }
        }

        _held = buffer[--total];
        _holding = true;
        return total;
    }

    /// <summary>At the end of the file: it must end on a record boundary, after as many records as its header says.</summary>
    private void CheckEnd(int got)
    {
        if (got % MmevFormat.RecordSize != 0)
        {
            throw new DataFormatException(Path, _read + 1, "record", $"the file ends inside record {_read + 1} (truncated?)");
        }

        if (_headerCount >= 0 && _read != _headerCount)
        {
            throw new DataFormatException(Path, _read, "count", $"the header says {_headerCount} events but the file holds {_read}");
        }
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

        CheckReserved(flags, events.Length);
    }

    // One check per block: a set reserved bit means this is not a record of this version.
    private void CheckReserved(ulong flags, int records)
    {
        if (((flags >> MmevFormat.SizeBits) & MmevFormat.ReservedFlagBits) != 0)
        {
            throw new DataFormatException(Path, _read + 1, "record", $"a record among {_read + 1}..{_read + records} has reserved flag bits set: corrupt file");
        }
    }

    /// <summary>
    /// Decodes the records after <c>events[..kept]</c>, leaving out level echoes (their end of batch goes
    /// to the event before); returns the new count. Each event looks ahead at the raw records after it
    /// and takes their end of batch before it is written: rewriting an event already in the buffer
    /// made every read of it stall (6% of an L3 replay). Only the first record of a block may echo an
    /// event written before (from an earlier block or call).
    /// </summary>
    private int DecodeWithoutEchoes(ReadOnlySpan<byte> bytes, Span<MarketEvent> events, int kept)
    {
        ulong flags = 0;
        ReadOnlySpan<long> words = MemoryMarshal.Cast<byte, long>(bytes);
        int records = bytes.Length / MmevFormat.RecordSize;
        int i = 0;
        for (; kept > 0 && i < records && IsLevelEcho((ulong)words[(i * 5) + 4]) && Echoed(events[kept - 1], words[i * 5], words[(i * 5) + 1]); i++)
        {
            ulong level = (ulong)words[(i * 5) + 4];
            flags |= level;
            events[kept - 1] = events[kept - 1] with { Markers = events[kept - 1].Markers | EndOfBatch(level) };
            OmittedEvents++;
        }

        for (; i < records; i++)
        {
            ReadOnlySpan<long> w = words.Slice(i * 5, 5);
            ulong sizeAndFlags = (ulong)w[4];
            flags |= sizeAndFlags;
            MarketEvent e = MmevFormat.Decode(w[0], w[1], w[2], w[3], sizeAndFlags);
            for (; i + 1 < records && IsLevelEcho((ulong)words[((i + 1) * 5) + 4]) && Echoed(e, words[(i + 1) * 5], words[((i + 1) * 5) + 1]); i++)
            {
                ulong level = (ulong)words[((i + 1) * 5) + 4];
                flags |= level;
                e = e with { Markers = e.Markers | EndOfBatch(level) };
                OmittedEvents++;
            }

            events[kept++] = e;
        }

        CheckReserved(flags, records);
        return kept;
    }

    private static EventMarkers EndOfBatch(ulong sizeAndFlags) => (EventMarkers)((sizeAndFlags >> (MmevFormat.SizeBits + 3)) & 1);

    // A BookLevel (kind 1: low kind bits 01, high kind bits 00) not marked Snapshot (flag bit 4); end of batch is flag bit 3.
    private static bool IsLevelEcho(ulong sizeAndFlags) => ((sizeAndFlags >> MmevFormat.SizeBits) & 0x73) == 0x01;

    /// <summary>Whether a level at these times echoes <paramref name="before"/>: an order event or trade of the same batch and times (not an execution: the event after one says whether its trade echo follows).</summary>
    private static bool Echoed(in MarketEvent before, long exchangeTime, long localTime) =>
        before.Kind is MarketEventKind.OrderAdd or MarketEventKind.OrderCancel or MarketEventKind.OrderDelete or MarketEventKind.OrderModify or MarketEventKind.Trade
        && !before.IsEndOfBatch && before.ExchangeTime == exchangeTime && before.LocalTime == localTime;
}
