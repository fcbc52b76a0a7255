using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace MarketMaking.Venue;

/// <summary>Writing Bybit-shaped JSON by hand: numbers as strings with their scale, into reused per-thread buffers.</summary>
internal static class Wire
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>The bytes <paramref name="write"/> produces (one array, the only allocation).</summary>
    public static byte[] Json<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        ArrayBufferWriter<byte> buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        Utf8JsonWriter writer = _writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        write(writer, state);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static void Decimal(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, decimal value)
    {
        writer.WritePropertyName(name);
        writer.DecimalValue(value);
    }

    public static void DecimalValue(this Utf8JsonWriter writer, decimal value)
    {
        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }

    /// <summary>A whole number written as a string, as Bybit writes timestamps.</summary>
    public static void LongString(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, long value)
    {
        Span<byte> text = stackalloc byte[24];
        value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..written]);
    }

    /// <summary>Bybit's error envelope: <c>{"retCode":…,"retMsg":…,"result":{},"retExtInfo":{},"time":…}</c>.</summary>
    public static byte[] Error(int code, string message, long time) => Json((code, message, time), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteNumber("retCode"u8, s.code);
        w.WriteString("retMsg"u8, s.message);
        w.WriteStartObject("result"u8);
        w.WriteEndObject();
        w.WriteStartObject("retExtInfo"u8);
        w.WriteEndObject();
        w.WriteNumber("time"u8, s.time);
        w.WriteEndObject();
    });

    /// <summary>A successful envelope around a result the callback writes (an object).</summary>
    public static byte[] Ok<TState>(long time, TState state, Action<Utf8JsonWriter, TState> result) => Json((time, state, result), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteNumber("retCode"u8, 0);
        w.WriteString("retMsg"u8, "OK"u8);
        w.WritePropertyName("result"u8);
        s.result(w, s.state);
        w.WriteStartObject("retExtInfo"u8);
        w.WriteEndObject();
        w.WriteNumber("time"u8, s.time);
        w.WriteEndObject();
    });
}
