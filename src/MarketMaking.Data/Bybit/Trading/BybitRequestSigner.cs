using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// Signs requests with one secret, keeping the HMAC's keyed state from request to request: setting
/// up the key costs more than hashing a request's few hundred bytes, so a signer held by the order
/// path signs in about a third of the time of <see cref="BybitSigner.SignRequest(BybitCredentials, long, long, ReadOnlySpan{byte}, Span{char})"/>.
/// Not thread-safe: one per thread or per pooled request buffer.
/// </summary>
public sealed class BybitRequestSigner : IDisposable
{
    private readonly IncrementalHash _hmac;
    private readonly byte[] _apiKey;

    public BybitRequestSigner(BybitCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, credentials.Secret);
        _apiKey = Encoding.UTF8.GetBytes(credentials.ApiKey);
    }

    /// <summary>Writes the <c>X-BAPI-SIGN</c> of timestamp + key + receive window + payload into <paramref name="signature"/> (64 characters).</summary>
    public void Sign(long timestamp, long recvWindow, ReadOnlySpan<byte> payload, Span<char> signature)
    {
        Span<byte> digits = stackalloc byte[20];
        _hmac.AppendData(digits[..Digits(timestamp, digits)]);
        _hmac.AppendData(_apiKey);
        _hmac.AppendData(digits[..Digits(recvWindow, digits)]);
        _hmac.AppendData(payload);
        Span<byte> hash = stackalloc byte[32];
        _hmac.GetHashAndReset(hash);
        Convert.TryToHexStringLower(hash, signature, out _);
    }

    public void Dispose() => _hmac.Dispose();

    /// <summary>A number's decimal digits as ASCII, as every signed text writes it.</summary>
    internal static int Digits(long value, Span<byte> destination) =>
        value.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture)
            ? written
            : throw new ArgumentOutOfRangeException(nameof(value));
}
