using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Tests;

/// <summary>The trading client's private stream reading a venue in the background, its messages collected for the test to wait on.</summary>
internal sealed class PrivateFeed : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<BybitPrivateMessage> _messages = [];
    private readonly Task _reading;

    private PrivateFeed(LocalVenue venue, BybitCredentials? credentials)
    {
        Stream = new BybitPrivateStream(credentials ?? venue.Credentials, new BybitPrivateStreamOptions
        {
            Url = venue.Environment.PrivateStream,
            Connection = new BybitFeedOptions { ReconnectDelay = TimeSpan.FromMilliseconds(20) },
        });
        _reading = Task.Run(async () =>
        {
            try
            {
                await foreach (BybitPrivateMessage message in Stream.ReadAsync(_stop.Token))
                {
                    lock (_messages)
                    {
                        _messages.Add(message);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped by the test.
            }
        });
    }

    public BybitPrivateStream Stream { get; }

    public IReadOnlyList<BybitPrivateMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Connects and waits until authenticated and subscribed.</summary>
    public static async Task<PrivateFeed> OpenAsync(LocalVenue venue, BybitCredentials? credentials = null)
    {
        var feed = new PrivateFeed(venue, credentials);
        await feed.WaitAsync(m => m.Kind == BybitPrivateMessageKind.Connected);
        return feed;
    }

    /// <summary>Waits until the messages collected so far satisfy <paramref name="done"/> (10 s at most) and returns them.</summary>
    public async Task<IReadOnlyList<BybitPrivateMessage>> WaitAsync(Func<IReadOnlyList<BybitPrivateMessage>, bool> done, TimeSpan? timeout = null)
    {
        DateTime until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            IReadOnlyList<BybitPrivateMessage> messages = Messages;
            if (done(messages))
            {
                return messages;
            }

            if (_reading.IsFaulted)
            {
                await _reading;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"waited in vain; received: {string.Join(", ", messages.Select(m => m.Kind))}");
            }

            await Task.Delay(10);
        }
    }

    public Task<IReadOnlyList<BybitPrivateMessage>> WaitAsync(Func<BybitPrivateMessage, bool> any) => WaitAsync(list => list.Any(any));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
