using System.Security.Cryptography;
using System.Text.Json;

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

    /// <summary>Writes the <c>X-BAPI-SIGN</c> of a request into <paramref name="signature"/> (64 characters); a signer held across requests is faster.</summary>
    public static void SignRequest(BybitCredentials credentials, long timestamp, long recvWindow, ReadOnlySpan<byte> payload, Span<char> signature)
    {
        using var signer = new BybitRequestSigner(credentials);
        signer.Sign(timestamp, recvWindow, payload, signature);
    }

    /// <summary>
    /// A WebSocket <c>auth</c> request, <c>{"op":"auth","args":[key, expires, signature]}</c>, as the private
    /// stream and the order entry both send it (docs/v5/websocket/wss-authentication.mdx).
    /// </summary>
    public static void WriteWebSocketAuth(Utf8JsonWriter writer, BybitCredentials credentials, long expires)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("op"u8, "auth"u8);
        writer.WriteStartArray("args"u8);
        writer.WriteStringValue(credentials.ApiKey);
        writer.WriteNumberValue(expires);
        writer.WriteStringValue(SignWebSocketAuth(credentials, expires));
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The signature of a private-stream <c>auth</c> request expiring at <paramref name="expires"/> (ms).</summary>
    public static string SignWebSocketAuth(BybitCredentials credentials, long expires)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Span<byte> text = stackalloc byte[32];
        "GET/realtime"u8.CopyTo(text);
        int length = 12 + BybitRequestSigner.Digits(expires, text[12..]);
        Span<char> signature = stackalloc char[SignatureLength];
        Hex(credentials.Secret, text[..length], signature);
        return new string(signature);
    }

    /// <summary>Whether <paramref name="given"/> is the expected signature, compared in constant time.</summary>
    public static bool Matches(ReadOnlySpan<char> expected, ReadOnlySpan<char> given) =>
        expected.Length == given.Length
        && CryptographicOperations.FixedTimeEquals(MemoryMarshalBytes(expected), MemoryMarshalBytes(given));

    private static ReadOnlySpan<byte> MemoryMarshalBytes(ReadOnlySpan<char> text) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(text);

    private static void Hex(ReadOnlySpan<byte> key, ReadOnlySpan<byte> text, Span<char> signature)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, text, hash);
        Convert.TryToHexStringLower(hash, signature, out _);
    }
}
