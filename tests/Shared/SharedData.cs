using System.Runtime.CompilerServices;

namespace MarketMaking.Tests.Samples;

/// <summary>
/// The real samples in ../shared/data beside the repository, found by walking up to the folder
/// holding MarketMaking.slnx from the test binaries, the working folder, or (when the build output
/// lives elsewhere, --artifacts-path) this source file. They are not part of the repository.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(Locate);

    public static string? Folder => Root.Value;

    public static string BinanceUsdm => PathOf("binance-usdm/btcusdt_20240808.gz");

    public static string BinanceUsdmEth => PathOf("binance-usdm/ethusdt_20240808.gz");

    public static string BinanceSpotBtc => PathOf("binance-spot/btcusdt_20240808.gz");

    public static string BinanceSpotEth => PathOf("binance-spot/ethusdt_20240808.gz");

    public static string BinanceCoinMEth => PathOf("binance-cm/ethusd_perp_20240808.gz");

    /// <summary>A Lean equity tick folder (bac or aig), or one day's quote file in it (20131007 or 20131008).</summary>
    public static string LeanEquity(string symbol, string? day = null) =>
        PathOf(day is null ? $"lean-equity-tick/{symbol}" : $"lean-equity-tick/{symbol}/{day}_quote.zip");

    public static string BybitOrderBook => PathOf("bybit/bybit_2024-12-01_XRPUSDT_ob500.data.zip");

    public static string TardisBook => PathOf("tardis/tardis_deribit_incremental_book_L2_BTC-PERPETUAL.csv");

    public static string TardisTrades => PathOf("tardis/tardis_bitmex_trades_XBTUSD.csv");

    public static string DatabentoMbo => PathOf("databento/esh4-glbx-mdp3-20231225.mbo.dbn.zst");

    public static string Klines => PathOf("klines/btc-perp-20211231-20220201_1m.csv");

    public static string BybitKline => PathOf("bybit-v5-api/rest_kline__response-example.json");

    private static string PathOf(string relative) =>
        Path.Combine(Folder ?? throw new InvalidOperationException("../shared/data not found"), relative);

    private static string? Locate() =>
        FromRepository(AppContext.BaseDirectory) ?? FromRepository(Environment.CurrentDirectory) ?? FromRepository(SourceFolder());

    private static string? FromRepository(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MarketMaking.slnx")))
            {
                string data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(data) ? data : null;
            }
        }

        return null;
    }

    private static string SourceFolder([CallerFilePath] string file = "") => Path.GetDirectoryName(file) ?? "/";
}
