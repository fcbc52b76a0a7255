using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>
/// Tardis.dev incremental_book_L2 CSV (<c>exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount</c>,
/// times in µs). Consecutive rows with the same local time and snapshot flag form one message (one
/// batch); a snapshot that follows non-snapshot rows clears the book first, as Tardis documents.
/// Amount 0 deletes a level. Tardis has no update ids: event ids are 0.
/// </summary>
/// <remarks>
/// A bad row is skipped alone. A message that leaves the book crossed is, under
/// <see cref="BadRowPolicy.Skip"/>, taken back whole (Tardis has no sequence to resynchronize on).
/// </remarks>
internal sealed class TardisBookParser(ParseContext context) : CsvLineParser(context, Columns, Required, defaultOrder: null)
{
    private const int SymbolColumn = 0, TimestampColumn = 1, LocalColumn = 2, SnapshotColumn = 3, SideColumn = 4, PriceColumn = 5, AmountColumn = 6;

    private static readonly string[][] Columns = [["symbol"], ["timestamp"], ["local_timestamp"], ["is_snapshot"], ["side"], ["price"], ["amount"]];
    private static readonly bool[] Required = [false, true, true, true, true, true, true];

    private readonly CheckedBook _book = new(undoable: true);
    private byte[]? _symbol;
    private bool _open;
    private long _batchLocal;
    private bool _batchIsSnapshot;
    private long _batchLastLine;
    private bool _lastBatchWasSnapshot;

    public override void Finish()
    {
        if (_open)
        {
            CloseBatch();
        }
    }

    protected override void ParseRow(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (!TardisFields.TryMicros(Context, Column(line, LocalColumn), lineNumber, ColumnName(LocalColumn), out long local)
            || !TardisFields.TryMicros(Context, Column(line, TimestampColumn), lineNumber, ColumnName(TimestampColumn), out long exchangeTime))
        {
            return;
        }

        ReadOnlySpan<byte> flag = Column(line, SnapshotColumn);
        bool isSnapshot = flag.SequenceEqual("true"u8);
        if (!isSnapshot && !flag.SequenceEqual("false"u8))
        {
            Context.BadRows.Report(BadRowReason.Malformed, lineNumber, ColumnName(SnapshotColumn), "expected true or false");
            return;
        }

        ReadOnlySpan<byte> sideText = Column(line, SideColumn);
        Side side;
        if (sideText.SequenceEqual("bid"u8))
        {
            side = Side.Buy;
        }
        else if (sideText.SequenceEqual("ask"u8))
        {
            side = Side.Sell;
        }
        else
        {
            Context.BadRows.Report(BadRowReason.Malformed, lineNumber, ColumnName(SideColumn), "expected bid or ask");
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

        if (_open && (local != _batchLocal || isSnapshot != _batchIsSnapshot))
        {
            CloseBatch();
        }

        if (!_open)
        {
            _open = true;
            _batchLocal = local;
            _batchIsSnapshot = isSnapshot;
            _book.Begin();
            if (isSnapshot && !_lastBatchWasSnapshot)
            {
                _book.Clear();
                Context.Output.Add(exchangeTime, local, MarketEventKind.BookClear, Side.Buy, 0, 0, 0, EventMarkers.Snapshot);
            }
        }

        _batchLastLine = lineNumber;
        _book.Set(side, price, size);
        Context.Output.Add(exchangeTime, local, MarketEventKind.BookLevel, side, price, size, 0, isSnapshot ? EventMarkers.Snapshot : EventMarkers.None);
    }

    private void CloseBatch()
    {
        _open = false;
        if (_book.IsCrossed)
        {
            string cross = _book.DescribeCross();
            _book.Rollback();
            Context.Output.Rollback();
            Context.BadRows.Report(BadRowReason.CrossedBook, _batchLastLine, "price", $"the message ending here leaves the book crossed: {cross}");
            return;
        }

        Context.Output.CommitBatch();
        _lastBatchWasSnapshot = _batchIsSnapshot;
    }
}
