using System.Collections.Concurrent;
using MarketMaking.Venue.Exchange;
using MarketMaking.Venue.Faults;

namespace MarketMaking.Venue.Streams;

/// <summary>
/// Every open WebSocket connection, and the private stream's delivery: each private message goes
/// to the authenticated connections subscribed to its topic, through the private faults (delay,
/// duplicate, reorder), which are drawn per connection and message. Drops due under a
/// drop_connection fault happen here too. The market thread calls <see cref="Publish"/> and <see cref="Tick"/>.
/// </summary>
internal sealed class StreamHub : IPrivateOutput
{
    private readonly ConcurrentDictionary<long, StreamConnection> _connections = new();
    private readonly FaultInjector _faults;
    private readonly VenueClock _clock;
    private long _next;

    public StreamHub(FaultInjector faults, VenueClock clock)
    {
        _faults = faults;
        _clock = clock;
    }

    public IEnumerable<StreamConnection> Connections => _connections.Values;

    public long NextIndex() => Interlocked.Increment(ref _next) - 1;

    public void Add(StreamConnection connection)
    {
        connection.DropAt = _faults.NextDrop(connection.Index, connection.Opened);
        _connections[connection.Index] = connection;
    }

    public void Remove(StreamConnection connection) => _connections.TryRemove(connection.Index, out _);

    public void Publish(string topic, byte[] message)
    {
        TimeSpan now = _clock.Elapsed;
        foreach (StreamConnection connection in _connections.Values)
        {
            if (!connection.IsPrivate || !connection.Authenticated || connection.IsClosed || !Subscribed(connection, topic))
            {
                continue;
            }

            long n = connection.PrivateMessages++;
            if (_faults.Strikes(FaultKind.PrivateDelay, connection.Index, n) && _faults.Rule(FaultKind.PrivateDelay) is { } delay)
            {
                _faults.Record(FaultKind.PrivateDelay, $"connection {connection.Index}: {topic} message {n} held {delay.Delay.TotalMilliseconds:0} ms");
                connection.Delayed.Add((now + delay.Delay, message));
                continue;
            }

            if (_faults.Strikes(FaultKind.PrivateReorder, connection.Index, n) && connection.Held is null)
            {
                _faults.Record(FaultKind.PrivateReorder, $"connection {connection.Index}: {topic} message {n} sent after the next one");
                connection.Held = message;
                connection.HeldSince = now;
                continue;
            }

            connection.Send(message);
            if (_faults.Strikes(FaultKind.PrivateDuplicate, connection.Index, n))
            {
                _faults.Record(FaultKind.PrivateDuplicate, $"connection {connection.Index}: {topic} message {n} sent twice");
                connection.Send(message);
            }

            if (connection.Held is { } held)
            {
                connection.Held = null;
                connection.Send(held);
            }
        }
    }

    public bool Wants(string topic)
    {
        foreach (StreamConnection connection in _connections.Values)
        {
            if (connection.IsPrivate && connection.Authenticated && !connection.IsClosed && Subscribed(connection, topic))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Delivers delayed private messages that are due, releases reordered ones left waiting too long, and cuts connections due to be dropped.</summary>
    public void Tick()
    {
        TimeSpan now = _clock.Elapsed;
        foreach (StreamConnection connection in _connections.Values)
        {
            if (connection.DropAt is { } drop && now >= drop && !connection.IsClosed)
            {
                _faults.Record(FaultKind.DropConnection, $"connection {connection.Index} ({(connection.IsPrivate ? "private" : "public")}) cut after {(now - connection.Opened).TotalSeconds:0.0} s");
                connection.Abort();
                continue;
            }

            for (int i = 0; i < connection.Delayed.Count; i++)
            {
                if (connection.Delayed[i].Due <= now)
                {
                    connection.Send(connection.Delayed[i].Message);
                    connection.Delayed.RemoveAt(i--);
                }
            }

            // A reordered message waits for the next one, but not for ever: a quiet stream gets it within a second.
            if (connection.Held is { } held && now - connection.HeldSince > TimeSpan.FromSeconds(1))
            {
                connection.Held = null;
                connection.Send(held);
            }
        }
    }

    /// <summary>All-in-one topics (<c>order</c>) and categorised ones (<c>order.linear</c>) both receive linear updates.</summary>
    private static bool Subscribed(StreamConnection connection, string topic) =>
        connection.Topics.Contains(topic) || connection.Topics.Contains(topic + ".linear");
}
