using MarketMaking.Core.Errors;

namespace MarketMaking.Data.Text;

/// <summary>
/// A read-only stream out of a decompressor (gzip, or a zip entry whose archive it owns and disposes
/// when it is closed, once). Corrupt compressed data surfaces on a read, deep in a reader: it is
/// reported there as a <see cref="DataFormatException"/> naming the file, not as the runtime's
/// InvalidDataException (a stack trace).
/// </summary>
/// <param name="inner">The decompressing stream.</param>
/// <param name="path">The file, named in errors.</param>
/// <param name="compression">"gzip" or "zip": the field errors name.</param>
/// <param name="owner">Disposed with the stream (the zip archive); null for none.</param>
internal sealed class DecompressedStream(Stream inner, string path, string compression, IDisposable? owner = null) : Stream
{
    private bool _disposed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return inner.Read(buffer, offset, count);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e);
        }
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            inner.Dispose();
            owner?.Dispose();
        }

        base.Dispose(disposing);
    }

    private DataFormatException Corrupt(InvalidDataException e) => new(path, 0, compression, $"corrupt compressed data: {e.Message}");
}
