namespace MarketMaking.Data.Files;

/// <summary>The file formats the toolkit reads (--format); see <see cref="MarketDataFormats"/> for their names.</summary>
public enum MarketDataFormat
{
    /// <summary>binance-usdm: Binance USD-M raw stream dump (REST snapshot, depthUpdate, trade, bookTicker).</summary>
    BinanceUsdm,

    /// <summary>binance-spot: Binance spot raw stream dump (REST snapshot, depthUpdate without pu, trade, bookTicker).</summary>
    BinanceSpot,

    /// <summary>binance-cm: Binance COIN-M inverse perpetual raw stream dump (sizes in contracts).</summary>
    BinanceCoinM,

    /// <summary>lean-equity: QuantConnect Lean US-equity tick quotes (and the day's trades beside them), consolidated.</summary>
    LeanEquity,

    /// <summary>bybit-ob: Bybit historical order-book NDJSON (snapshot and delta messages).</summary>
    BybitOrderBook,

    /// <summary>bybit-trades: Bybit public trade archive CSV.</summary>
    BybitTrades,

    /// <summary>tardis-book: Tardis.dev incremental_book_L2 CSV.</summary>
    TardisBook,

    /// <summary>tardis-trades: Tardis.dev trades CSV.</summary>
    TardisTrades,

    /// <summary>mmev: the toolkit's binary event file.</summary>
    Mmev,

    /// <summary>ohlcv: generic OHLCV bar CSV (bars, not events).</summary>
    Ohlcv,

    /// <summary>bybit-kline: Bybit kline JSON (bars, not events).</summary>
    BybitKline,

    /// <summary>lobster: a LOBSTER day, order by order (message and order-book CSVs, zipped as published).</summary>
    Lobster,

    /// <summary>dbn-mbo: a Databento DBN file of the MBO schema (market by order), Zstandard-compressed or not.</summary>
    DbnMbo,
}
