using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>
/// Bybit kline JSON: the GET /v5/market/kline response (<c>result.list</c> of
/// <c>[startTime, open, high, low, close, volume, turnover]</c> string rows, newest first), a bare list
/// of such rows, or kline WebSocket messages (<c>data</c> objects with start, open, high, low, close,
/// volume); several pages may follow one another in one file (one JSON value after another).
/// </summary>
/// <remarks>
/// Bybit lists newest first, so the rows are sorted by start time and emitted oldest first; a start
/// time seen twice (overlapping pages) keeps its first row. Sorting needs every row in memory: kline
/// files are pages of at most 1,000 rows, and a month of minutes is 45,000 rows (2 MB).
/// </remarks>
public sealed class BybitKlineReader(string path, BadRowPolicy onBadRow = BadRowPolicy.Stop) : BarReader(path, onBadRow)
{
    private const long NanosPerMilli = 1_000_000;

    public override IEnumerator<Bar> GetEnumerator()
    {
        BadRows.Clear();
        var badRows = new BadRowHandler(Path, OnBadRow, BadRows);
        List<Row> rows = ReadRows(badRows);
        rows.Sort((a, b) => a.Bar.OpenTime != b.Bar.OpenTime ? a.Bar.OpenTime.CompareTo(b.Bar.OpenTime) : a.Order.CompareTo(b.Order));
        long previous = long.MinValue;
        foreach (Row row in rows)
        {
            if (row.Bar.OpenTime == previous)
            {
                continue;
            }

            if (BarChecks.Check(row.Bar, previous, badRows, row.Line))
            {
                previous = row.Bar.OpenTime;
                yield return row.Bar;
            }
        }
    }

    private List<Row> ReadRows(BadRowHandler badRows)
    {
        byte[] json;
        using (Stream stream = DataStreams.OpenRead(Path))
        using (var memory = new MemoryStream())
        {
            stream.CopyTo(memory);
            json = memory.ToArray();
        }

        var walker = new Walker(json, badRows);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                walker.Value(ref reader);
            }
        }
        catch (JsonException e)
        {
            throw new DataFormatException(Path, (e.LineNumber ?? 0) + 1, "json", e.Message);
        }

        return walker.Rows;
    }

    private readonly record struct Row(Bar Bar, long Line, int Order);

    /// <summary>Finds kline rows wherever they sit in the JSON: arrays of scalars, or objects with start/open/high/low/close.</summary>
    private sealed class Walker(byte[] json, BadRowHandler badRows)
    {
        private static readonly string[] Names = ["start", "open", "high", "low", "close", "volume"];

        private int _counted;
        private long _line = 1;

        public List<Row> Rows { get; } = [];

        public void Value(ref Utf8JsonReader r)
        {
            if (r.TokenType == JsonTokenType.StartObject)
            {
                Object(ref r);
            }
            else if (r.TokenType == JsonTokenType.StartArray)
            {
                Array(ref r);
            }
        }

        private void Array(ref Utf8JsonReader r)
        {
            long start = r.TokenStartIndex;
            Span<Range> texts = stackalloc Range[6];
            int scalars = 0;
            bool onlyScalars = true;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType is JsonTokenType.String or JsonTokenType.Number)
                {
                    if (scalars < texts.Length)
                    {
                        texts[scalars] = ValueRange(ref r);
                    }

                    scalars++;
                }
                else
                {
                    onlyScalars = false;
                    Value(ref r);
                }
            }

            if (onlyScalars && scalars >= 6)
            {
                Add(texts, start);
            }
        }

        private void Object(ref Utf8JsonReader r)
        {
            long start = r.TokenStartIndex;
            Span<Range> texts = stackalloc Range[6];
            int found = 0;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                int field = System.Array.IndexOf(Names, r.GetString());
                r.Read();
                if (field >= 0 && r.TokenType is JsonTokenType.String or JsonTokenType.Number)
                {
                    texts[field] = ValueRange(ref r);
                    found |= 1 << field;
                }
                else
                {
                    Value(ref r);
                }
            }

            if (found == 0b111111)
            {
                Add(texts, start);
            }
        }

        private static Range ValueRange(ref Utf8JsonReader r)
        {
            // A string token's span excludes its quotes: its text starts one byte after the token.
            int offset = (int)r.TokenStartIndex + (r.TokenType == JsonTokenType.String ? 1 : 0);
            return new Range(offset, offset + r.ValueSpan.Length);
        }

        private void Add(ReadOnlySpan<Range> texts, long at)
        {
            long line = LineOf(at);
            ReadOnlySpan<byte> bytes = json;
            if (!DecimalText.TryParseInteger(bytes[texts[0]], out long startMs))
            {
                badRows.Report(BadRowReason.UnparsableNumber, line, "start", "not a time in milliseconds");
                return;
            }

            Span<double> values = stackalloc double[5];
            for (int i = 1; i < 6; i++)
            {
                if (!double.TryParse(bytes[texts[i]], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i - 1]) || !double.IsFinite(values[i - 1]))
                {
                    badRows.Report(BadRowReason.UnparsableNumber, line, Names[i], "not a number");
                    return;
                }
            }

            Rows.Add(new Row(new Bar(startMs * NanosPerMilli, values[0], values[1], values[2], values[3], values[4]), line, Rows.Count));
        }

        // Rows are met in file order, so counting newlines from the previous row keeps this linear.
        private long LineOf(long offset)
        {
            if (offset < _counted)
            {
                (_line, _counted) = (1, 0);
            }

            _line += json.AsSpan(_counted, (int)offset - _counted).Count((byte)'\n');
            _counted = (int)offset;
            return _line;
        }
    }
}
