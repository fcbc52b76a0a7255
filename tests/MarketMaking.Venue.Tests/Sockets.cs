using System.Net.WebSockets;
using System.Text;

namespace MarketMaking.Venue.Tests;

/// <summary>Raw WebSocket text frames to and from the venue (to read its exact JSON).</summary>
internal static class Sockets
{
    public static Task Send(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next whole message (a 1000-level snapshot spans several frames); fails after 10 s.</summary>
    public static async Task<string> Receive(ClientWebSocket socket)
    {
        var buffer = new byte[1 << 20];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        int length = 0;
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
