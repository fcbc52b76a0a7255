using System.Text;
using MarketMaking.Core.Errors;
using MarketMaking.Data.Binary;
using MarketMaking.Data.Files;

namespace MarketMaking.Data.Text;

/// <summary>
/// Says what a data file that yielded nothing is (empty, named .gz but not gzip, or which of the
/// toolkit's formats its first line looks like), so a wrong file or --format gets a useful error.
/// </summary>
internal static class DataFileSniffer
{
    // Enough of the first line to see a JSON message's keys or a CSV header.
    private const int SniffBytes = 4096;

    /// <summary>
    /// What is wrong with reading <paramref name="path"/> as <paramref name="expected"/>, in words
    /// (one line, the file named), or null when the file looks like that format after all.
    /// </summary>
    public static string? Problem(string path, MarketDataFormat expected)
    {
        string wanted = $"expected {MarketDataFormats.NameOf(expected)} (formats read: {string.Join(", ", MarketDataFormats.Names)})";
        if (new FileInfo(path).Length == 0)
        {
            return $"{path} is empty; {wanted}";
        }

        string compression = "";
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && !StartsWith(path, [0x1F, 0x8B]))
        {
            compression = "is named .gz but is not gzip-compressed and ";
        }

        string? firstLine;
        try
        {
            firstLine = FirstLine(path);
        }
        catch (DataFormatException e)
        {
            return $"{path} is not a readable gzip or zip file ({e.Problem}); {wanted}";
        }

        if (firstLine is null)
        {
            return $"{path} {compression}holds no data (only blank lines once decompressed); {wanted}";
        }

        MarketDataFormat? looksLike = Classify(firstLine);
        if (looksLike == expected && compression.Length == 0)
        {
            return null;
        }

        string content = looksLike is { } format
            ? $"looks like {MarketDataFormats.NameOf(format)} (give --format {MarketDataFormats.NameOf(format)})"
            : $"looks like none of them (it starts \"{Shorten(firstLine)}\")";
        return $"{path} {compression}{content}; {wanted}";
    }

    /// <summary>"; it looks like F (give --format F)" when the line is another format's first line, else empty.</summary>
    public static string Hint(string firstLine) =>
        Classify(firstLine) is { } format ? $"; it looks like {MarketDataFormats.NameOf(format)} (give --format {MarketDataFormats.NameOf(format)})" : "";

    /// <summary>The format whose first line this is, by the marks each format always carries.</summary>
    public static MarketDataFormat? Classify(string line)
    {
        string text = line.TrimStart('\uFEFF', ' ', '\t');
        if (text.StartsWith("MMEV", StringComparison.Ordinal))
        {
            return MarketDataFormat.Mmev;
        }

        if (text.StartsWith('{') || text.StartsWith('['))
        {
            string json = text.Replace(" ", "", StringComparison.Ordinal);
            return json.Contains("\"lastUpdateId\"", StringComparison.Ordinal) || json.Contains("\"e\":\"depthUpdate\"", StringComparison.Ordinal)
                || json.Contains("\"e\":\"bookTicker\"", StringComparison.Ordinal) || json.Contains("\"e\":\"trade\"", StringComparison.Ordinal)
                ? (json.Contains("\"ps\":", StringComparison.Ordinal) || json.Contains("_perp@", StringComparison.OrdinalIgnoreCase) ? MarketDataFormat.BinanceCoinM
                    : json.Contains("@depth@100ms", StringComparison.Ordinal) || (json.Contains("\"U\":", StringComparison.Ordinal) && !json.Contains("\"pu\":", StringComparison.Ordinal)) ? MarketDataFormat.BinanceSpot
                    : MarketDataFormat.BinanceUsdm)
                : json.Contains("\"topic\":\"orderbook.", StringComparison.Ordinal) || json.Contains("\"topic\":\"publicTrade.", StringComparison.Ordinal)
                ? MarketDataFormat.BybitOrderBook
                : json.Contains("\"retCode\"", StringComparison.Ordinal) || json.Contains("\"list\"", StringComparison.Ordinal)
                ? MarketDataFormat.BybitKline
                : null;
        }

        string[] columns = [.. text.ToLowerInvariant().Split(',').Select(c => c.Trim().Trim('"'))];
        bool Has(string name) => columns.Contains(name);
        return Has("is_snapshot") ? MarketDataFormat.TardisBook
            : Has("local_timestamp") && Has("amount") ? MarketDataFormat.TardisTrades
            : Has("trdmatchid") || Has("tickdirection") || (Has("symbol") && Has("side") && Has("size")) ? MarketDataFormat.BybitTrades
            : Has("open") && Has("high") && Has("low") && Has("close") ? MarketDataFormat.Ohlcv
            : null;
    }

    private static bool StartsWith(string path, ReadOnlySpan<byte> magic)
    {
        using FileStream file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[magic.Length];
        return file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(magic);
    }

    private static string? FirstLine(string path)
    {
        using Stream stream = DataStreams.OpenRead(path);
        byte[] buffer = new byte[SniffBytes];
        int length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (length >= MmevFormat.Magic.Length && buffer.AsSpan(0, MmevFormat.Magic.Length).SequenceEqual(MmevFormat.Magic))
        {
            return "MMEV";
        }

        string text = Encoding.UTF8.GetString(buffer, 0, length);
        return text.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.Trim().Length > 0);
    }

    private static string Shorten(string line)
    {
        string printable = new([.. line.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
        return line.Length > 40 ? printable + "…" : printable;
    }
}
