using System.Text;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>
/// Bybit's public trade archive CSV (<c>timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional</c>),
/// timestamp in seconds with decimals (epoch milliseconds are recognised by their size). The archive
/// has one time only: it is both the exchange and the local time. Side (Buy/Sell, any case) is the
/// taker's; trdMatchID (a UUID) becomes a 63-bit hash. Without a header the columns are taken in that
/// documented order.
/// </summary>
internal sealed class BybitTradeParser(ParseContext context)
    : CsvLineParser(context, Columns, Required, defaultOrder: [0, 1, 2, 3, 4, 6])
{
    private const int TimestampColumn = 0, SymbolColumn = 1, SideColumn = 2, SizeColumn = 3, PriceColumn = 4, IdColumn = 5;

    private static readonly string[][] Columns = [["timestamp"], ["symbol"], ["side"], ["size", "volume", "qty"], ["price"], ["trdmatchid", "id"]];
    private static readonly bool[] Required = [true, false, true, true, true, false];

    private byte[]? _symbol;

    protected override void ParseRow(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (!TimestampText.TryParse(Column(line, TimestampColumn), out long time))
        {
            Context.BadRows.Report(BadRowReason.UnparsableNumber, lineNumber, ColumnName(TimestampColumn), "not a time in seconds");
            return;
        }

        ReadOnlySpan<byte> sideText = Column(line, SideColumn);
        Side side;
        if (Ascii.EqualsIgnoreCase(sideText, "buy"u8))
        {
            side = Side.Buy;
        }
        else if (Ascii.EqualsIgnoreCase(sideText, "sell"u8))
        {
            side = Side.Sell;
        }
        else
        {
            Context.BadRows.Report(BadRowReason.Malformed, lineNumber, ColumnName(SideColumn), "expected Buy or Sell (the taker's side)");
            return;
        }

        NumberStatus status = Context.Units.Price(Column(line, PriceColumn), out long price);
        if (status != NumberStatus.Ok)
        {
            Context.ReportPrice(status, lineNumber, ColumnName(PriceColumn), Column(line, PriceColumn));
            return;
        }

        status = Context.Units.Quantity(Column(line, SizeColumn), out long size);
        if (status != NumberStatus.Ok)
        {
            Context.ReportQuantity(status, lineNumber, ColumnName(SizeColumn), Column(line, SizeColumn));
            return;
        }

        if (!Column(line, SymbolColumn).IsEmpty && !CheckSymbol(Column(line, SymbolColumn), ref _symbol))
        {
            Context.BadRows.Report(BadRowReason.Malformed, lineNumber, ColumnName(SymbolColumn), $"not the file's first symbol {Symbol}");
            return;
        }

        if (!Context.AdvanceClock(time, lineNumber, ColumnName(TimestampColumn)))
        {
            return;
        }

        Context.Output.Add(time, time, MarketEventKind.Trade, side, price, size, TradeIds.FromText(Column(line, IdColumn)), EventMarkers.None);
        Context.Output.CommitBatch();
    }
}
