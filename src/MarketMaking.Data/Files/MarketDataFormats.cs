using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Binary;

namespace MarketMaking.Data.Files;

/// <summary>The format registry: names as the CLI spells them, and a factory for each format's reader.</summary>
public static class MarketDataFormats
{
    private static readonly (string Name, MarketDataFormat Format)[] Registry =
    [
        ("binance-usdm", MarketDataFormat.BinanceUsdm),
        ("binance-spot", MarketDataFormat.BinanceSpot),
        ("binance-cm", MarketDataFormat.BinanceCoinM),
        ("lean-equity", MarketDataFormat.LeanEquity),
        ("bybit-ob", MarketDataFormat.BybitOrderBook),
        ("bybit-trades", MarketDataFormat.BybitTrades),
        ("tardis-book", MarketDataFormat.TardisBook),
        ("tardis-trades", MarketDataFormat.TardisTrades),
        ("mmev", MarketDataFormat.Mmev),
        ("ohlcv", MarketDataFormat.Ohlcv),
        ("bybit-kline", MarketDataFormat.BybitKline),
        ("lobster", MarketDataFormat.Lobster),
        ("dbn-mbo", MarketDataFormat.DbnMbo),
    ];

    /// <summary>Every format name.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Registry.Select(r => r.Name)];

    /// <summary>Whether <paramref name="path"/> is a file that starts as an .mmev does (so it needs no --format); false for anything unreadable.</summary>
    public static bool IsMmev(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            Span<byte> start = stackalloc byte[4];
            return stream.ReadAtLeast(start, 4, throwOnEndOfStream: false) == 4 && start.SequenceEqual(MmevFormat.Magic);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The format of <paramref name="path"/>: <paramref name="named"/> when the user named one, else
    /// mmev when the file is an .mmev (its header says so), else null (the command asks for --format
    /// or takes its default).
    /// </summary>
    public static string? NamedOrDetected(string? named, string path) => named ?? (IsMmev(path) ? NameOf(MarketDataFormat.Mmev) : null);

    public static string NameOf(MarketDataFormat format) => Registry.First(r => r.Format == format).Name;

    /// <summary>The format a CLI name stands for; an unknown name is a usage error listing the known ones.</summary>
    public static MarketDataFormat Parse(string name)
    {
        foreach ((string known, MarketDataFormat format) in Registry)
        {
            if (string.Equals(known, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return format;
            }
        }

        throw new InvalidParameterException("format", $"unknown data format '{name}'; known: {string.Join(", ", Names)}");
    }

    /// <summary>True for the bar formats, read with <see cref="OpenBars(string, MarketDataFormat, BadRowPolicy)"/>.</summary>
    public static bool IsBars(MarketDataFormat format) => format is MarketDataFormat.Ohlcv or MarketDataFormat.BybitKline;

    public static MarketDataReader Open(string path, string format, MarketDataOptions? options = null) => Open(path, Parse(format), options);

    /// <summary>Opens an event file; the options' instrument parts and bad-row policy apply to the text formats.</summary>
    public static MarketDataReader Open(string path, MarketDataFormat format, MarketDataOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return format switch
        {
            MarketDataFormat.BinanceUsdm => new BinanceUsdmReader(path, options),
            MarketDataFormat.BinanceSpot => new BinanceSpotReader(path, options),
            MarketDataFormat.BinanceCoinM => new BinanceCoinMReader(path, options),
            MarketDataFormat.LeanEquity => new LeanEquityReader(path, options),
            MarketDataFormat.BybitOrderBook => new BybitOrderBookReader(path, options),
            MarketDataFormat.BybitTrades => new BybitTradeReader(path, options),
            MarketDataFormat.TardisBook => new TardisBookReader(path, options),
            MarketDataFormat.TardisTrades => new TardisTradeReader(path, options),
            MarketDataFormat.Mmev => new MmevReader(path),
            MarketDataFormat.Lobster => new LobsterReader(path, options),
            MarketDataFormat.DbnMbo => new DbnMboReader(path, options),
            _ => throw new InvalidParameterException("format", $"{NameOf(format)} holds bars, not market events: read it as bars"),
        };
    }

    public static BarReader OpenBars(string path, string format, BadRowPolicy onBadRow = default) =>
        OpenBars(path, Parse(format), onBadRow);

    /// <summary>Opens a bar file (ohlcv or bybit-kline).</summary>
    public static BarReader OpenBars(string path, MarketDataFormat format, BadRowPolicy onBadRow = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new InvalidParameterException("data", $"{path} is a directory; give a data file");
        }

        if (!File.Exists(path))
        {
            throw new InvalidParameterException("data", $"file not found: {path}");
        }

        return format switch
        {
            MarketDataFormat.Ohlcv => new OhlcvCsvReader(path, onBadRow),
            MarketDataFormat.BybitKline => new BybitKlineReader(path, onBadRow),
            _ => throw new InvalidParameterException("format", $"{NameOf(format)} holds market events, not bars"),
        };
    }
}
