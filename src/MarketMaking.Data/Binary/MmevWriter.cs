using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;

namespace MarketMaking.Data.Binary;

/// <summary>
/// Writes events to an .mmev file (see <c>MmevFormat</c>): a header with the instrument, then one
/// 40-byte record per event. The event count in the header is filled in on dispose when the stream
/// can seek; otherwise it stays "unknown" and readers count records instead.
/// </summary>
public sealed class MmevWriter : IDisposable
{
    private const int BlockEvents = 8192;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _headerStart;
    private readonly byte[] _block = new byte[BlockEvents * MmevFormat.RecordSize];
    private int _blockCount;
    private bool _disposed;

    public MmevWriter(string path, Instrument instrument)
        : this(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1), instrument, leaveOpen: false)
    {
    }

    public MmevWriter(Stream stream, Instrument instrument, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(instrument);
        _stream = stream;
        _leaveOpen = leaveOpen;
        Instrument = instrument;
        _headerStart = stream.CanSeek ? stream.Position : -1;
        _stream.Write(MmevFormat.Header(instrument, MmevFormat.UnknownCount));
    }

    public Instrument Instrument { get; }

    /// <summary>Events written so far.</summary>
    public long Count { get; private set; }

    public void Write(ReadOnlySpan<MarketEvent> events)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (ref readonly MarketEvent e in events)
        {
            MmevFormat.Encode(in e, _block.AsSpan(_blockCount * MmevFormat.RecordSize, MmevFormat.RecordSize));
            if (++_blockCount == BlockEvents)
            {
                FlushBlock();
            }
        }

        Count += events.Length;
    }

    public void Write(in MarketEvent e) => Write(new ReadOnlySpan<MarketEvent>(in e));

    /// <summary>Writes out buffered records and the final count; the file is complete after this.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            FlushBlock();
            if (_headerStart >= 0)
            {
                long end = _stream.Position;
                _stream.Position = _headerStart;
                _stream.Write(MmevFormat.Header(Instrument, Count));
                _stream.Position = end;
            }

            _stream.Flush();
        }
        finally
        {
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private void FlushBlock()
    {
        _stream.Write(_block, 0, _blockCount * MmevFormat.RecordSize);
        _blockCount = 0;
    }
}
