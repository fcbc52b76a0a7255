using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>
/// Tardis.dev trades CSV (<c>exchange,symbol,timestamp,local_timestamp,id,side,price,amount</c>, times in µs).
/// Side is the aggressor's (buy or sell); a row with side "unknown" has no aggressor to report and
/// is a bad row. Non-numeric ids (BitMEX UUIDs) become a 63-bit hash of the text.
/// </summary>
internal sealed class TardisTradeParser(ParseContext context) : CsvLineParser(context, Columns, Required, defaultOrder: null)
{
    private const int SymbolColumn = 0, TimestampColumn = 1, LocalColumn = 2, IdColumn = 3, SideColumn = 4, PriceColumn = 5, AmountColumn = 6;

    private static readonly string[][] Columns = [["symbol"], ["timestamp"], ["local_timestamp"], ["id"], ["side"], ["price"], ["amount"]];
    private static readonly bool[] Required = [false, true, true, false, true, true, true];

    private byte[]? _symbol;

    protected override void ParseRow(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (!TardisFields.TryMicros(Context, Column(line, LocalColumn), lineNumber, ColumnName(LocalColumn), out long local)
            || !TardisFields.TryMicros(Context, Column(line, TimestampColumn), lineNumber, ColumnName(TimestampColumn), out long exchangeTime))
        {
            return;
        }

        ReadOnlySpan<byte> sideText = Column(line, SideColumn);
        Side side;
        if (sideText.SequenceEqual("buy"u8))
        {
            side = Side.Buy;
        }
        else if (sideText.SequenceEqual("sell"u8))
        {
            side = Side.Sell;
        }
        else
        {
            Context.BadRows.Report(BadRowReason.Malformed, lineNumber, ColumnName(SideColumn), "expected buy or sell (the aggressor's side)");
            return;
        }

        NumberStatus status = Context.Units.Price(Column(line, PriceColumn), out long price);
        if (status != NumberStatus.Ok)
        {
            Context.ReportPrice(status, lineNumber, ColumnName(PriceColumn), Column(line, PriceColumn));
            return;
        }

        status = Context.Units.Quantity(Column(line, AmountColumn), out long size);
        if (status != NumberStatus.Ok)
        {
            Context.ReportQuantity(status, lineNumber, ColumnName(AmountColumn), Column(line, AmountColumn));
            return;
        }

        if (!Column(line, SymbolColumn).IsEmpty && !CheckSymbol(Column(line, SymbolColumn), ref _symbol))
        {
            Context.BadRows.Report(BadRowReason.Malformed, lineNumber, ColumnName(SymbolColumn), $"not the file's first symbol {Symbol}");
            return;
        }

        if (!Context.AdvanceClock(local, lineNumber, ColumnName(LocalColumn)))
        {
            return;
        }

        Context.Output.Add(exchangeTime, local, MarketEventKind.Trade, side, price, size, TradeIds.FromText(Column(line, IdColumn)), EventMarkers.None);
        Context.Output.CommitBatch();
    }
}
