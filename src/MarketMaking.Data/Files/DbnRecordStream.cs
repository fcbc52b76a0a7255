using System.Buffers.Binary;
using MarketMaking.Core.Errors;
using ZstdSharp;

namespace MarketMaking.Data.Files;

/// <summary>
/// A Databento DBN file as its metadata and a sequence of raw records, decompressed on the fly when
/// the file is Zstandard (the <c>.dbn.zst</c> Databento ships): records are read through one fixed
/// buffer, never the whole file. A record is framed by its first byte, its length in 4-byte words
/// (DBN's RecordHeader), so records of any type and the ts_out suffix are stepped over alike.
/// Errors name the file and the record number (1 for the first record after the metadata).
/// </summary>
internal sealed class DbnRecordStream : IDisposable
{
    private static readonly byte[] ZstdMagic = [0x28, 0xB5, 0x2F, 0xFD];
    private static readonly byte[] DbnMagic = "DBN"u8.ToArray();

    private readonly Stream _stream;
    private readonly string _path;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _endOfStream;

    public DbnRecordStream(string path)
    {
        _path = path;
        if (Directory.Exists(path))
        {
            throw new InvalidParameterException("data", $"{path} is a directory; give a .dbn or .dbn.zst file");
        }

        if (!File.Exists(path))
        {
            throw new InvalidParameterException("data", $"file not found: {path}");
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[4];
        int got = file.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        file.Position = 0;
        if (got == 4 && magic.SequenceEqual(ZstdMagic))
        {
            _stream = new DecompressionStream(file, leaveOpen: false);
        }
        else if (got >= 3 && magic[..3].SequenceEqual(DbnMagic))
        {
            _stream = file;
        }
        else
        {
            file.Dispose();
            throw new DataFormatException(path, 0, "header", "neither Zstandard (28 B5 2F FD) nor DBN (\"DBN\"): not a Databento file");
        }

        try
        {
            (byte version, byte[] metadata) = ReadMetadata();
            Metadata = DbnMetadata.Parse(path, version, metadata);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    public DbnMetadata Metadata { get; }

    /// <summary>Records read so far; the number of the last one returned.</summary>
    public long RecordNumber { get; private set; }

    /// <summary>The next whole record (header included); false at the end of the file.</summary>
    public bool TryRead(out ReadOnlySpan<byte> record)
    {
        record = default;
        if (!Fill(1))
        {
            return false;
        }

        RecordNumber++;
        int length = _buffer[_start] * 4;
        if (length < DbnMetadata.RecordHeaderLength)
        {
            throw new DataFormatException(_path, RecordNumber, "length", $"record {RecordNumber} says it is {length} bytes long, shorter than DBN's {DbnMetadata.RecordHeaderLength}-byte header");
        }

        if (!Fill(length))
        {
            throw new DataFormatException(_path, RecordNumber, "length", $"record {RecordNumber} is truncated: the file ends {_end - _start} bytes into its {length} bytes");
        }

        record = _buffer.AsSpan(_start, length);
        _start += length;
        return true;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>The 8-byte prelude ("DBN", version, metadata length), then the metadata itself.</summary>
    private (byte Version, byte[] Metadata) ReadMetadata()
    {
        if (!Fill(8))
        {
            throw new DataFormatException(_path, 0, "metadata", "the file ends inside DBN's 8-byte prelude");
        }

        ReadOnlySpan<byte> prelude = _buffer.AsSpan(_start, 8);
        if (!prelude[..3].SequenceEqual(DbnMagic))
        {
            throw new DataFormatException(_path, 0, "header", "the data does not start with DBN's magic \"DBN\"");
        }

        byte version = prelude[3];
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(prelude[4..]);
        _start += 8;
        if (version is < 1 or > 3)
        {
            throw new DataFormatException(_path, 0, "version", $"unknown DBN version {version}; this reader knows versions 1 to 3");
        }

        if (length > 1 << 28)
        {
            throw new DataFormatException(_path, 0, "metadata", $"claims {length} bytes of metadata");
        }

        var metadata = new byte[length];
        int copied = 0;
        while (copied < length)
        {
            if (!Fill(1))
            {
                throw new DataFormatException(_path, 0, "metadata", $"the file ends {copied} bytes into its {length} bytes of metadata");
            }

            int n = Math.Min(_end - _start, (int)length - copied);
            _buffer.AsSpan(_start, n).CopyTo(metadata.AsSpan(copied));
            _start += n;
            copied += n;
        }

        return (version, metadata);
    }

    /// <summary>Where in the file a decompression error struck, for its message.</summary>
    private string AfterLastRecord => RecordNumber == 0 ? "before the first record" : $"after record {RecordNumber}";

    /// <summary>Makes at least <paramref name="count"/> bytes available from <c>_start</c>; false when the file ends first.</summary>
    private bool Fill(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        while (_end < count && !_endOfStream)
        {
            int n;
            try
            {
                n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            }
            catch (ZstdException e)
            {
                throw new DataFormatException(_path, RecordNumber, "zstd", $"the Zstandard stream is corrupt {AfterLastRecord}: {e.Message}");
            }
            catch (EndOfStreamException)
            {
                // ZstdSharp's way of saying the compressed file stops inside a frame (a partial download, a cut copy).
                throw new DataFormatException(_path, RecordNumber, "zstd", $"the Zstandard stream ends early {AfterLastRecord}: the file is cut short");
            }

            _endOfStream = n == 0;
            _end += n;
        }

        return _end - _start >= count;
    }
}
