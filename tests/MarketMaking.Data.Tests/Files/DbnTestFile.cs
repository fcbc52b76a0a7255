using System.Buffers.Binary;
using System.Text;
using ZstdSharp;

namespace MarketMaking.Data.Tests.Files;

/// <summary>
/// Writes DBN MBO files byte by byte, as Databento's spec lays them out (metadata of 100 fixed bytes,
/// schema_definition_length, then symbols, partial, not_found and mappings; 56-byte MboMsg records),
/// so the reader is tested against the layout and not against itself. Version 1's metadata has
/// record_count, 47 reserved bytes and 22-byte symbols; version 2 and later's has symbol_cstr_len
/// (71), 53 reserved bytes and no record_count.
/// </summary>
internal sealed class DbnTestFile
{
    public const long Ns = 1_700_000_000_000_000_000;

    private readonly List<byte[]> _records = [];

    public byte Version { get; init; } = 1;

    public ushort Schema { get; init; }

    /// <summary>An MBO record; <paramref name="price"/> in units of 1e-9.</summary>
    public DbnTestFile Mbo(char action, char side, long orderId, long price, uint size, byte flags = 128, long tsEvent = Ns, long? tsRecv = null, uint instrumentId = 17077, byte rtype = 0xA0)
    {
        var r = new byte[56];
        r[0] = 56 / 4;
        r[1] = rtype;
        BinaryPrimitives.WriteUInt16LittleEndian(r.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(4), instrumentId);
        BinaryPrimitives.WriteInt64LittleEndian(r.AsSpan(8), tsEvent);
        BinaryPrimitives.WriteInt64LittleEndian(r.AsSpan(16), orderId);
        BinaryPrimitives.WriteInt64LittleEndian(r.AsSpan(24), price);
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(32), size);
        r[36] = flags;
        r[37] = 0;
        r[38] = (byte)action;
        r[39] = (byte)side;
        BinaryPrimitives.WriteInt64LittleEndian(r.AsSpan(40), tsRecv ?? tsEvent + 1000);
        BinaryPrimitives.WriteInt32LittleEndian(r.AsSpan(48), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(r.AsSpan(52), (uint)_records.Count);
        _records.Add(r);
        return this;
    }

    /// <summary>The whole file, uncompressed.</summary>
    public byte[] Bytes()
    {
        var metadata = new List<byte>();
        metadata.AddRange(Fixed("GLBX.MDP3", 16));
        metadata.AddRange(Le(Schema, 2));
        metadata.AddRange(Le(Ns, 8)); // start
        metadata.AddRange(Le(Ns + 3_600_000_000_000, 8)); // end
        metadata.AddRange(Le(0, 8)); // limit
        bool versionOne = Version == 1;
        if (versionOne)
        {
            metadata.AddRange(Le(-1, 8)); // record_count (version 1 only)
        }

        metadata.AddRange([1, 0, 0]); // stype_in raw_symbol, stype_out instrument_id, ts_out
        int symbolLength = versionOne ? 22 : 71;
        if (!versionOne)
        {
            metadata.AddRange(Le(symbolLength, 2)); // symbol_cstr_len (version 2 on)
        }

        metadata.AddRange(new byte[versionOne ? 47 : 53]); // reserved
        metadata.AddRange(Le(0, 4)); // schema_definition_length
        metadata.AddRange(Le(1, 4));
        metadata.AddRange(Fixed("ESH4", symbolLength)); // symbols
        metadata.AddRange(Le(0, 4)); // partial
        metadata.AddRange(Le(0, 4)); // not_found
        metadata.AddRange(Le(0, 4)); // mappings
        var file = new List<byte>();
        file.AddRange("DBN"u8.ToArray());
        file.Add(Version);
        file.AddRange(Le(metadata.Count, 4));
        file.AddRange(metadata);
        foreach (byte[] r in _records)
        {
            file.AddRange(r);
        }

        return [.. file];
    }

    public string Write(TempFolder folder, string name = "test.mbo.dbn.zst", bool compress = true)
    {
        string path = folder.File(name);
        byte[] bytes = Bytes();
        File.WriteAllBytes(path, compress ? new Compressor().Wrap(bytes).ToArray() : bytes);
        return path;
    }

    private static byte[] Fixed(string text, int length)
    {
        var b = new byte[length];
        Encoding.ASCII.GetBytes(text).CopyTo(b, 0);
        return b;
    }

    private static byte[] Le(long value, int length)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, value);
        return b[..length];
    }
}
