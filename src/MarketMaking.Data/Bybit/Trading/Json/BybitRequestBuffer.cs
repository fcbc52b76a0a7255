using System.Buffers;
using System.Text.Json;

namespace MarketMaking.Data.Bybit.Trading.Json;

/// <summary>
/// A request body's bytes, the writer that fills them and the signer that signs them, reused from
/// request to request: once it has grown to the largest body, writing and signing one allocate nothing.
/// </summary>
internal sealed class BybitRequestBuffer : IDisposable
{
    private readonly ArrayBufferWriter<byte> _bytes = new(1024);

    public BybitRequestBuffer(BybitCredentials credentials)
    {
        Writer = new Utf8JsonWriter(_bytes);
        Signer = new BybitRequestSigner(credentials);
    }

    public Utf8JsonWriter Writer { get; }

    public BybitRequestSigner Signer { get; }

    public ReadOnlyMemory<byte> Written => _bytes.WrittenMemory;

    /// <summary>Empties the buffer for the next body.</summary>
    public void Begin()
    {
        _bytes.ResetWrittenCount();
        Writer.Reset(_bytes);
    }

    public void Dispose()
    {
        Writer.Dispose();
        Signer.Dispose();
    }
}
