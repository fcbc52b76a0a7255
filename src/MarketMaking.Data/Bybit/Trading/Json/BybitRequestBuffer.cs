using System.Buffers;
using System.Text.Json;

namespace MarketMaking.Data.Bybit.Trading.Json;

/// <summary>
/// A request body's bytes and the writer that fills them, reused from request to request: once it
/// has grown to the largest body, writing one allocates nothing.
/// </summary>
internal sealed class BybitRequestBuffer
{
    private readonly ArrayBufferWriter<byte> _bytes = new(1024);

    public BybitRequestBuffer()
    {
        Writer = new Utf8JsonWriter(_bytes);
    }

    public Utf8JsonWriter Writer { get; }

    public ReadOnlyMemory<byte> Written => _bytes.WrittenMemory;

    /// <summary>Empties the buffer for the next body.</summary>
    public void Begin()
    {
        _bytes.ResetWrittenCount();
        Writer.Reset(_bytes);
    }
}
