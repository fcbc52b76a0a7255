using System.Buffers.Binary;
using System.Text;
using MarketMaking.Core.Errors;

namespace MarketMaking.Data.Files;

/// <summary>
/// The parts of a DBN file's metadata a reader needs, laid out as Databento's <c>dbn</c> crate decodes
/// them (decode/dbn/fsm.rs): dataset (16-byte C string), schema (u16), start, end, limit (u64 ns);
/// version 1 only: record_count (u64, deprecated); stype_in, stype_out, ts_out (u8); version 2 and
/// later: symbol_cstr_len (u16; version 1 symbols are 22 bytes); reserved (47 bytes in version 1,
/// 53 later); schema_definition_length (u32); then the symbols as a u32 count and fixed-width C strings.
/// </summary>
internal sealed record DbnMetadata(string Dataset, ushort Schema, IReadOnlyList<string> Symbols)
{
    /// <summary>RecordHeader: length (u8, in 4-byte words), rtype (u8), publisher_id (u16), instrument_id (u32), ts_event (u64).</summary>
    public const int RecordHeaderLength = 16;

    /// <summary>Schema number of MBO (market by order) in DBN's Schema enum.</summary>
    public const ushort MboSchema = 0;

    private const int DatasetLength = 16;

    /// <summary>Metadata bytes before schema_definition_length, in every version.</summary>
    private const int FixedLength = 100;

    public static DbnMetadata Parse(string path, byte version, ReadOnlySpan<byte> m)
    {
        if (m.Length < FixedLength + 4)
        {
            throw new DataFormatException(path, 0, "metadata", $"{m.Length} bytes of metadata, fewer than DBN's fixed {FixedLength + 4}");
        }

        string dataset = CString(m[..DatasetLength]);
        int pos = DatasetLength;
        ushort schema = BinaryPrimitives.ReadUInt16LittleEndian(m[pos..]);
        pos += 2;
        pos += 24 + (version == 1 ? 8 : 0); // start, end, limit; record_count
        pos += 3; // stype_in, stype_out, ts_out: the record length already covers a ts_out suffix
        int symbolLength = 22;
        if (version > 1)
        {
            symbolLength = BinaryPrimitives.ReadUInt16LittleEndian(m[pos..]);
            pos += 2;
        }

        pos += version == 1 ? 47 : 53;
        uint definition = BinaryPrimitives.ReadUInt32LittleEndian(m[pos..]);
        pos += 4;
        if (definition != 0 || symbolLength == 0)
        {
            throw new DataFormatException(path, 0, "metadata", definition != 0 ? "holds a schema definition, which DBN readers do not support" : "symbol length 0");
        }

        if (m.Length < pos + 4)
        {
            throw new DataFormatException(path, 0, "metadata", "ends before its symbol list");
        }

        long count = BinaryPrimitives.ReadUInt32LittleEndian(m[pos..]);
        pos += 4;
        if (m.Length < pos + (count * symbolLength))
        {
            throw new DataFormatException(path, 0, "metadata", $"ends inside its {count} symbols");
        }

        var symbols = new string[count];
        for (int i = 0; i < count; i++)
        {
            symbols[i] = CString(m.Slice(pos, symbolLength));
            pos += symbolLength;
        }

        return new DbnMetadata(dataset, schema, symbols);
    }

    private static string CString(ReadOnlySpan<byte> field)
    {
        int zero = field.IndexOf((byte)0);
        return Encoding.ASCII.GetString(zero < 0 ? field : field[..zero]);
    }
}
