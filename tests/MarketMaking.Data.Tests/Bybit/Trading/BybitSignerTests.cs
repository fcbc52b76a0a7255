using System.Text;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Data.Tests.Bybit.Trading;

/// <summary>
/// Signatures against goldens computed independently with OpenSSL, once, for the secret
/// "golden-test-secret-1", e.g.
/// <c>printf '%s' '1658384314791XXXXXXXXXX5000category=option&amp;symbol=BTC-29JUL22-25000-C' | openssl dgst -sha256 -hmac 'golden-test-secret-1'</c>.
/// The inputs are the examples of docs/v5/guide.mdx ("Create A Request") and docs/v5/websocket/wss-authentication.mdx.
/// </summary>
public sealed class BybitSignerTests
{
    private static readonly BybitCredentials Golden = new("XXXXXXXXXX", "golden-test-secret-1");

    [Fact]
    public void GetRequestSignsTimestampKeyWindowAndQueryString()
    {
        string signature = BybitSigner.SignRequest(Golden, 1658384314791, 5000, "category=option&symbol=BTC-29JUL22-25000-C"u8);

        Assert.Equal("f5ec9d2e83944c81baba4f7e86bedc7a567b8583a40bf027aeb6c6202071b5d0", signature);
    }

    [Fact]
    public void PostRequestSignsTheRawBody()
    {
        string signature = BybitSigner.SignRequest(Golden, 1658385579423, 5000, """{"category": "option"}"""u8);

        Assert.Equal("57e69ddae136bbe6b3e867691ba0b429ae8c74c18167b828d19e0bd641546a5c", signature);
    }

    [Fact]
    public void WebSocketAuthSignsGetRealtimeAndExpires()
    {
        // printf '%s' 'GET/realtime1662350400000' | openssl dgst -sha256 -hmac 'golden-test-secret-1'
        Assert.Equal("0503e3c180689a80cc51d757639d6b3494fa13fd9fad1800f31111bfc7b73823", BybitSigner.SignWebSocketAuth(Golden, 1662350400000));
    }

    [Fact]
    public void LongBodiesAndNonAsciiKeysAreSignedAsBytes()
    {
        // printf '1700000000000key-with-utf8-é10000%s' "$(printf 'x%.0s' $(seq 1 1500))" | openssl dgst -sha256 -hmac 'golden-test-secret-1'
        var credentials = new BybitCredentials("key-with-utf8-é", "golden-test-secret-1");
        byte[] body = Encoding.ASCII.GetBytes(new string('x', 1500));

        Assert.Equal("f901c3d971db96626fa18d62ae461043f0a5ea0c4ce8e15909a1560a778ae90c", BybitSigner.SignRequest(credentials, 1700000000000, 10000, body));
    }

    [Fact]
    public void ASignerHeldAcrossRequestsGivesEachRequestsGoldenSignature()
    {
        // The HMAC state is reused: a request must not carry anything of the one before it.
        using var signer = new BybitRequestSigner(Golden);
        Span<char> signature = stackalloc char[BybitSigner.SignatureLength];
        for (int round = 0; round < 3; round++)
        {
            signer.Sign(1658384314791, 5000, "category=option&symbol=BTC-29JUL22-25000-C"u8, signature);
            Assert.Equal("f5ec9d2e83944c81baba4f7e86bedc7a567b8583a40bf027aeb6c6202071b5d0", signature.ToString());
            signer.Sign(1658385579423, 5000, """{"category": "option"}"""u8, signature);
            Assert.Equal("57e69ddae136bbe6b3e867691ba0b429ae8c74c18167b828d19e0bd641546a5c", signature.ToString());
        }
    }

    [Fact]
    public void SignaturesMatchOnlyWhenEqual()
    {
        string good = BybitSigner.SignRequest(Golden, 1, 5000, "a=1"u8);

        Assert.True(BybitSigner.Matches(good, good.ToCharArray()));
        Assert.False(BybitSigner.Matches(good, BybitSigner.SignRequest(Golden, 2, 5000, "a=1"u8)));
        Assert.False(BybitSigner.Matches(good, good.AsSpan(0, 10)));
    }
}
