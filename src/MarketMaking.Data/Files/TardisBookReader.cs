namespace MarketMaking.Data.Files;

/// <summary>
/// A Tardis.dev incremental_book_L2 CSV (plain or gzip): rows of one message become one batch of
/// BookLevel events; a snapshot is preceded by a BookClear. Local time is local_timestamp.
/// </summary>
public sealed class TardisBookReader(string path, MarketDataOptions? options = null)
    : TextMarketDataReader(path, MarketDataFormat.TardisBook, options, context => new TardisBookParser(context));
