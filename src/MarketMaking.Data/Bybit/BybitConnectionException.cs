using MarketMaking.Core.Errors;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// No usable answer from Bybit: a timeout, an unreachable host, a response that is not Bybit's
/// format, or a stream that could not reconnect. A runtime failure (exit code 1).
/// </summary>
public sealed class BybitConnectionException : MarketMakingException
{
    public BybitConnectionException(string request, string problem, Exception inner)
        : base($"Bybit {request}: {problem}", inner)
    {
        Request = request;
    }

    public string Request { get; }

    public override int ExitCode => 1;
}
