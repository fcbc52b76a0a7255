using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// Bybit's HMAC-SHA256 signatures, lowercase hex. REST (docs/v5/guide.mdx, "Create A Request"):
/// HMAC(secret, timestamp + apiKey + recvWindow + payload), where the payload is the query string of
/// a GET and the raw JSON body of a POST. WebSocket auth (docs/v5/websocket/wss-authentication.mdx):
/// HMAC(secret, "GET/realtime" + expires).
/// </summary>
public static class BybitSigner
{
    /// <summary>Characters of a signature: 32 bytes in hex.</summary>
    public const int SignatureLength = 64;

    /// <summary>The <c>X-BAPI-SIGN</c> of a request.</summary>
    public static string SignRequest(BybitCredentials credentials, long timestamp, long recvWindow, ReadOnlySpan<byte> payload)
    {
        Span<char> signature = stackalloc char[SignatureLength];
        SignRequest(credentials, timestamp, recvWindow, payload, signature);
        return new string(signature);
    }

    /// <summary>Writes the <c>X-BAPI-SIGN</c> of a request into <paramref name="signature"/> (64 characters) without allocating.</summary>
    public static void SignRequest(BybitCredentials credentials, long timestamp, long recvWindow, ReadOnlySpan<byte> payload, Span<char> signature)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        int keyBytes = Encoding.UTF8.GetMaxByteCount(credentials.ApiKey.Length);
        int length = 20 + keyBytes + 20 + payload.Length;
        byte[]? rented = length > 1024 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> text = rented ?? stackalloc byte[1024];
        try
        {
            int at = Digits(timestamp, text);
            at += Encoding.UTF8.GetBytes(credentials.ApiKey, text[at..]);
            at += Digits(recvWindow, text[at..]);
            payload.CopyTo(text[at..]);
            Hex(credentials.Secret, text[..(at + payload.Length)], signature);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The signature of a private-stream <c>auth</c> request expiring at <paramref name="expires"/> (ms).</summary>
    public static string SignWebSocketAuth(BybitCredentials credentials, long expires)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Span<byte> text = stackalloc byte[32];
        "GET/realtime"u8.CopyTo(text);
        int length = 12 + Digits(expires, text[12..]);
        Span<char> signature = stackalloc char[SignatureLength];
        Hex(credentials.Secret, text[..length], signature);
        return new string(signature);
    }

    /// <summary>Whether <paramref name="given"/> is the expected signature, compared in constant time.</summary>
    public static bool Matches(ReadOnlySpan<char> expected, ReadOnlySpan<char> given) =>
        expected.Length == given.Length
        && CryptographicOperations.FixedTimeEquals(MemoryMarshalBytes(expected), MemoryMarshalBytes(given));

    private static ReadOnlySpan<byte> MemoryMarshalBytes(ReadOnlySpan<char> text) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(text);

    private static int Digits(long value, Span<byte> destination) =>
        value.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture)
            ? written
            : throw new ArgumentOutOfRangeException(nameof(destination));

    private static void Hex(ReadOnlySpan<byte> key, ReadOnlySpan<byte> text, Span<char> signature)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, text, hash);
        Convert.TryToHexStringLower(hash, signature, out _);
    }
}
