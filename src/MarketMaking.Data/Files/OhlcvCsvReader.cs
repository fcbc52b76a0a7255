using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>
/// A generic OHLCV CSV (plain, gzip or zip), streamed. A header is recognised when the first line
/// starts with a letter; its columns are found by name (time: timestamp, time, date, datetime,
/// open_time, ts, start; then open, high, low, close and optional volume, or o, h, l, c, v).
/// Without a header the order is time, open, high, low, close, volume. Times may be date-times
/// ("2021-12-31 23:01:00.000000", ISO 8601, UTC unless an offset is given) or epoch seconds,
/// milliseconds, microseconds or nanoseconds (told apart by size). Volume is NaN when absent.
/// </summary>
public sealed class OhlcvCsvReader(string path, BadRowPolicy onBadRow = BadRowPolicy.Stop) : BarReader(path, onBadRow)
{
    private const int TimeColumn = 0, OpenColumn = 1, HighColumn = 2, LowColumn = 3, CloseColumn = 4, VolumeColumn = 5;

    private static readonly string[][] Columns =
    [
        ["timestamp", "time", "date", "datetime", "open_time", "opentime", "ts", "start", "start_time", "starttime"],
        ["open", "o"], ["high", "h"], ["low", "l"], ["close", "c"], ["volume", "vol", "v"],
    ];

    private static readonly string[] Names = ["time", "open", "high", "low", "close", "volume"];

    public override IEnumerator<Bar> GetEnumerator()
    {
        BadRows.Clear();
        using var cursor = new Cursor(Path, new BadRowHandler(Path, OnBadRow, BadRows));
        while (cursor.TryNext(out Bar bar))
        {
            yield return bar;
        }
    }

    /// <summary>The parsing state of one enumeration (spans cannot live across a yield).</summary>
    private sealed class Cursor(string path, BadRowHandler badRows) : IDisposable
    {
        private readonly LineReader _lines = new(DataStreams.OpenRead(path), path);
        private int[]? _map;
        private Range[] _fields = [];
        private long _previous = long.MinValue;

        public bool TryNext(out Bar bar)
        {
            while (_lines.TryReadLine(out ReadOnlySpan<byte> line))
            {
                if (!line.Trim((byte)' ').IsEmpty && TryParse(line, _lines.LineNumber, out bar))
                {
                    return true;
                }
            }

            bar = default;
            return false;
        }

        public void Dispose() => _lines.Dispose();

        private bool TryParse(ReadOnlySpan<byte> line, long number, out Bar bar)
        {
            bar = default;
            if (_map is null)
            {
                bool header = char.IsAsciiLetter((char)line[0]) || (line[0] == '"' && line.Length > 1 && char.IsAsciiLetter((char)line[1]));
                _map = header ? CsvLine.MapHeader(line, Columns) : [0, 1, 2, 3, 4, 5];
                for (int i = 0; i < VolumeColumn; i++)
                {
                    if (_map[i] < 0)
                    {
                        throw new DataFormatException(path, number, "header", $"no {Names[i]} column (expected time, open, high, low, close and optionally volume)");
                    }
                }

                _fields = new Range[_map.Max() + 1];
                if (header)
                {
                    return false;
                }
            }

            int count = CsvLine.Split(line, _fields);
            if (count < _fields.Length)
            {
                badRows.Report(BadRowReason.Malformed, number, "line", $"expected at least {_fields.Length} comma-separated fields, found {count}");
                return false;
            }

            if (!TimestampText.TryParse(Field(line, TimeColumn), out long time))
            {
                badRows.Report(BadRowReason.UnparsableNumber, number, "time", "not a date-time or epoch time");
                return false;
            }

            Span<double> values = stackalloc double[5];
            for (int column = OpenColumn; column <= VolumeColumn; column++)
            {
                if (column == VolumeColumn && _map[VolumeColumn] < 0)
                {
                    values[4] = double.NaN;
                    continue;
                }

                if (!double.TryParse(Field(line, column), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    badRows.Report(BadRowReason.UnparsableNumber, number, Names[column], "not a number");
                    return false;
                }

                values[column - 1] = value;
            }

            bar = new Bar(time, values[0], values[1], values[2], values[3], values[4]);
            if (!BarChecks.Check(bar, _previous, badRows, number))
            {
                return false;
            }

            _previous = time;
            return true;
        }

        private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int column) => CsvLine.Field(line, _fields[_map![column]]);
    }
}
