using System.Net.WebSockets;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// The connection side of one stream (public or private): opens connections, retrying with
/// exponential backoff, paces the reconnection after a lost one, and counts consecutive failures
/// (reset by a message read) and the connections opened after the first.
/// </summary>
internal sealed class StreamReconnects
{
    private readonly Uri _url;
    private readonly BybitFeedOptions _options;
    private int _reconnects;
    private bool _opened;

    public StreamReconnects(Uri url, BybitFeedOptions options)
    {
        _url = url;
        _options = options;
    }

    /// <summary>Connections opened after the first one.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Failures since the last message read.</summary>
    public int Failures { get; private set; }

    /// <summary>A message was read: the connection works.</summary>
    public void Succeeded() => Failures = 0;

    /// <summary>
    /// Opens a connection (sending <paramref name="first"/>'s message, made afresh for each attempt,
    /// before subscribing to <paramref name="topics"/>); throws <see cref="BybitConnectionException"/>
    /// after <see cref="BybitFeedOptions.MaxReconnectAttempts"/> consecutive failures.
    /// </summary>
    public async Task<BybitSocketConnection> OpenAsync(IReadOnlyList<string> topics, Func<byte[]?> first, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                BybitSocketConnection connection = await BybitSocketConnection.OpenAsync(_url, topics, _options, cancellationToken, first()).ConfigureAwait(false);
                if (_opened)
                {
                    Interlocked.Increment(ref _reconnects);
                }

                _opened = true;
                return connection;
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (++Failures >= _options.MaxReconnectAttempts)
                {
                    throw new BybitConnectionException($"stream {_url}", $"cannot connect after {Failures} attempts: {e.Message}", e);
                }

                await Task.Delay(Backoff(), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>After a lost connection: one more failure, and the backoff before the next attempt.</summary>
    public Task AfterDropAsync(CancellationToken cancellationToken)
    {
        Failures++;
        return Task.Delay(Backoff(), _options.TimeProvider, cancellationToken);
    }

    /// <summary>The first delay, doubled per consecutive failure, capped.</summary>
    private TimeSpan Backoff()
    {
        double factor = Math.Pow(2, Math.Min(Math.Max(Failures - 1, 0), 30));
        TimeSpan delay = _options.ReconnectDelay * factor;
        return delay < _options.MaxReconnectDelay ? delay : _options.MaxReconnectDelay;
    }
}
