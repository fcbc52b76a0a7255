using System.Globalization;
using System.Text;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Tests;

/// <summary>Raw HTTP against the venue (to read its exact JSON and headers), signed like Bybit's clients sign.</summary>
internal static class Http
{
    private static readonly HttpClient Client = new();

    public static async Task<string> GetAsync(LocalVenue venue, string pathAndQuery)
    {
        using HttpResponseMessage response = await Client.GetAsync(new Uri(venue.Url, pathAndQuery));
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<HttpResponseMessage> SignedAsync(LocalVenue venue, HttpMethod method, string path, string payload, long? timestamp = null, BybitCredentials? credentials = null, string recvWindow = "5000")
    {
        credentials ??= venue.Credentials;
        long ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        bool get = method == HttpMethod.Get;
        using var request = new HttpRequestMessage(method, new Uri(venue.Url, get && payload.Length > 0 ? $"{path}?{payload}" : path));
        if (!get)
        {
            request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
        }

        request.Headers.Add("X-BAPI-API-KEY", credentials.ApiKey);
        request.Headers.Add("X-BAPI-TIMESTAMP", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-BAPI-RECV-WINDOW", recvWindow);
        request.Headers.Add("X-BAPI-SIGN", BybitSigner.SignRequest(credentials, ts, long.Parse(recvWindow, CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(payload)));
        return await Client.SendAsync(request);
    }

    public static async Task<string> SignedTextAsync(LocalVenue venue, HttpMethod method, string path, string payload)
    {
        using HttpResponseMessage response = await SignedAsync(venue, method, path, payload);
        return await response.Content.ReadAsStringAsync();
    }
}
