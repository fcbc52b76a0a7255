using System.Text;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>
/// Shared parts of the CSV parsers: columns found by name in the header (any order, extra columns
/// ignored) or, for formats that allow it, a fixed default order when the file has no header.
/// </summary>
internal abstract class CsvLineParser : LineParser
{
    private readonly string[][] _columns;
    private readonly bool[] _required;
    private readonly int[]? _defaultOrder;
    private Range[] _fields = [];
    private int[]? _map;
    private int _fieldsNeeded;

    /// <param name="context">The reader's parse context.</param>
    /// <param name="columns">Accepted names (lower case) of each column the parser reads.</param>
    /// <param name="required">Which of them must be present.</param>
    /// <param name="defaultOrder">Column positions when the file has no header; null: a header is required.</param>
    protected CsvLineParser(ParseContext context, string[][] columns, bool[] required, int[]? defaultOrder)
        : base(context)
    {
        _columns = columns;
        _required = required;
        _defaultOrder = defaultOrder;
    }

    public override void Parse(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (line.Trim((byte)' ').IsEmpty)
        {
            return;
        }

        if (_map is null)
        {
            bool header = line.Length > 0 && (char.IsAsciiLetter((char)line[0]) || (line[0] == '"' && line.Length > 1 && char.IsAsciiLetter((char)line[1])));
            _map = header ? MapHeader(line, lineNumber) : _defaultOrder
                ?? throw new DataFormatException(Context.BadRows.File, lineNumber, "header", $"expected a header naming the columns ({Names()})");
            _fieldsNeeded = _map.Max() + 1;
            _fields = new Range[_fieldsNeeded];
            if (header)
            {
                return;
            }
        }

        int count = CsvLine.Split(line, _fields);
        if (count < _fieldsNeeded)
        {
            Context.BadRows.Report(BadRowReason.Malformed, lineNumber, "line", $"expected at least {_fieldsNeeded} comma-separated fields, found {count}");
            return;
        }

        ParseRow(line, lineNumber);
    }

    protected abstract void ParseRow(ReadOnlySpan<byte> line, long lineNumber);

    /// <summary>The text of a column on the current row; empty when the file has no such column.</summary>
    protected ReadOnlySpan<byte> Column(ReadOnlySpan<byte> line, int column) =>
        _map![column] < 0 ? default : CsvLine.Field(line, _fields[_map[column]]);

    /// <summary>The column's header name, for messages.</summary>
    protected string ColumnName(int column) => _columns[column][0];

    private int[] MapHeader(ReadOnlySpan<byte> line, long lineNumber)
    {
        int[] map = CsvLine.MapHeader(line, _columns);
        for (int i = 0; i < map.Length; i++)
        {
            if (map[i] < 0 && _required[i])
            {
                throw new DataFormatException(Context.BadRows.File, lineNumber, "header", $"no column {_columns[i][0]} (expected {Names()}){DataFileSniffer.Hint(Encoding.UTF8.GetString(line))}");
            }
        }

        return map;
    }

    private string Names()
    {
        var names = new StringBuilder();
        for (int i = 0; i < _columns.Length; i++)
        {
            names.Append(names.Length > 0 ? "," : "").Append(_columns[i][0]);
        }

        return names.ToString();
    }
}
