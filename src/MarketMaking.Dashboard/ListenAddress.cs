using System.Globalization;
using System.Net;
using MarketMaking.Core.Errors;

namespace MarketMaking.Dashboard;

/// <summary>Where the dashboard listens: <c>HOST:PORT</c> (an IP address or <c>localhost</c>; port 0 picks a free one).</summary>
public sealed record ListenAddress(IPAddress Address, int Port)
{
    /// <summary>127.0.0.1:8080, the default.</summary>
    public static ListenAddress Default { get; } = new(IPAddress.Loopback, 8080);

    /// <summary>True when only this machine can reach it.</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>Reads <c>HOST:PORT</c>, <c>[IPv6]:PORT</c> or <c>:PORT</c> (localhost); a mistake names <paramref name="option"/>.</summary>
    public static ListenAddress Parse(string text, string option = "dashboard")
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            throw new InvalidParameterException(option, $"expected HOST:PORT (127.0.0.1:8080), got '{text}'");
        }

        string host = text[..colon].Trim('[', ']');
        IPAddress address = host is "" or "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out IPAddress? parsed) ? parsed
            : throw new InvalidParameterException(option, $"'{host}' is not an IP address or localhost (in '{text}')");
        return new ListenAddress(address, port);
    }

    public override string ToString() => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
