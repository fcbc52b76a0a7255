using MarketMaking.Core.Errors;

namespace MarketMaking.Data.Text;

/// <summary>
/// Splits a byte stream into lines without decoding or allocating: a line is a span into a large
/// buffer that grows only for a line longer than the buffer (a REST snapshot of thousands of levels).
/// </summary>
internal sealed class LineReader : IDisposable
{
    private const int MaxLineLength = 1 << 28;

    private readonly Stream _stream;
    private readonly string _file;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private bool _endOfStream;

    public LineReader(Stream stream, string file, int bufferSize = 1 << 20)
    {
        _stream = stream;
        _file = file;
        _buffer = new byte[bufferSize];
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int stop = _scanned + newline;
                line = Finish(_buffer.AsSpan(_start, stop - _start));
                _start = _scanned = stop + 1;
                return true;
            }

            _scanned = _end;
            if (_endOfStream)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }

                line = Finish(_buffer.AsSpan(_start, _end - _start));
                _start = _scanned = _end;
                return true;
            }

            Fill();
        }
    }

    public void Dispose() => _stream.Dispose();

    private ReadOnlySpan<byte> Finish(ReadOnlySpan<byte> line)
    {
        LineNumber++;
        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }

        if (LineNumber == 1 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        return line;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            int pending = _end - _start;
            Array.Copy(_buffer, _start, _buffer, 0, pending);
            _scanned -= _start;
            _end = pending;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxLineLength)
            {
                throw new DataFormatException(_file, LineNumber + 1, "line", $"longer than {MaxLineLength / (1 << 20)} MB: not a text data file?");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
    }
}
