using System.IO.Compression;
using MarketMaking.Core.Errors;

namespace MarketMaking.Data.Text;

/// <summary>
/// Opens a data file for reading, decompressing it on the fly when it is gzip or a zip holding one
/// file; recognised by content (magic bytes), not by name.
/// </summary>
internal static class DataStreams
{
    public static Stream OpenRead(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidParameterException("data", $"{path} is a directory; give a data file");
        }

        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidParameterException("data", $"file not found: {path}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidParameterException("data", $"cannot read {path}: {e.Message}");
        }

        try
        {
            Span<byte> magic = stackalloc byte[4];
            int n = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            file.Position = 0;
            if (n >= 2 && magic[0] == 0x1F && magic[1] == 0x8B)
            {
                return new DecompressedStream(new GZipStream(file, CompressionMode.Decompress), path, "gzip");
            }

            if (n == 4 && magic.SequenceEqual("PK\x03\x04"u8))
            {
                return OpenZipEntry(file, path);
            }

            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>A file read as a zip that is none (another format given the name, or one cut short): said so, the runtime's reason after it.</summary>
    internal static DataFormatException NotAZip(string path, InvalidDataException e) =>
        new(path, 0, "zip", $"not a zip archive, or one cut short ({e.Message.TrimEnd('.')})");

    private static DecompressedStream OpenZipEntry(FileStream file, string path)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(file, ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw NotAZip(path, e);
        }

        ZipArchiveEntry[] entries = [.. archive.Entries.Where(e => e.Name.Length > 0)];
        if (entries.Length != 1)
        {
            archive.Dispose();
            throw new DataFormatException(path, 0, "zip", $"holds {entries.Length} files; a data zip must hold exactly one");
        }

        return new DecompressedStream(entries[0].Open(), path, "zip", archive);
    }
}
