using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MarketMaking.Data.Bybit;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Paper;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Tests;

/// <summary>
/// A paper venue with knobs a test turns: the private stream can be cut and restored, the venue's
/// clock and position shifted; every request is counted.
/// </summary>
internal sealed class FakeVenue(PaperVenue inner) : IVenue
{
    private readonly Channel<PrivateUpdate> _private = Channel.CreateUnbounded<PrivateUpdate>();
    private long _serverOffset;
    private int _cancelAlls;
    private int _cancelsToRefuse;
    private int _amendsToRefuse;
    private long _createsHeldFor;
    private int _executionsToLose;

    public PaperVenue Inner => inner;

    public string Name => "fake";

    /// <summary>What the journal records the venue as: paper trading on "fake" at the script's endpoint unless a test says otherwise.</summary>
    public VenueIdentity Identity { get; set; } = new(Paper: true, "fake", "script");

    public bool SupportsAmend => inner.SupportsAmend;

    /// <summary>Added to the venue's clock (ns).</summary>
    public long ServerOffset
    {
        get => Interlocked.Read(ref _serverOffset);
        set => Interlocked.Exchange(ref _serverOffset, value);
    }

    /// <summary>Added to the position the venue reports.</summary>
    public decimal PositionOffset { get; init; }

    public int CancelAlls => Volatile.Read(ref _cancelAlls);

    /// <summary>
    /// The next <paramref name="count"/> cancels are refused as "order not exists" without reaching the
    /// venue: what Bybit answers a cancel that overtook its order's create on the way.
    /// </summary>
    public void RefuseCancels(int count) => Volatile.Write(ref _cancelsToRefuse, count);

    /// <summary>
    /// The next <paramref name="count"/> amends are refused without reaching the venue, as Bybit refuses
    /// a post-only order's amend to a price that would take: the order rests where it was.
    /// </summary>
    public void RefuseAmends(int count) => Volatile.Write(ref _amendsToRefuse, count);

    /// <summary>
    /// The next create's answer says the create limit is used up until <paramref name="span"/> from
    /// then (Bybit's <c>X-Bapi-Limit-Status: 0</c> and its reset time): the session holds its creates that long.
    /// </summary>
    public void HoldCreatesAfterTheNext(TimeSpan span) => Interlocked.Exchange(ref _createsHeldFor, span.Ticks * 100);

    /// <summary>The stopwatch times at which creates were sent to the venue.</summary>
    public ConcurrentQueue<long> CreatesSentAt { get; } = new();

    /// <summary>The link ids of the cancels refused so far.</summary>
    public ConcurrentQueue<string> RefusedCancels { get; } = new();

    /// <summary>When set, requests and queries are never answered (they wait until cancelled): a venue that froze.</summary>
    public bool Silent { get; set; }

    /// <summary>When set, requests come back unanswered at once (a timeout, a refused connection): a venue that cannot be reached.</summary>
    public bool Unreachable { get; set; }

    /// <summary>The requests left unanswered while <see cref="Unreachable"/>: kind, link id, stopwatch time.</summary>
    public ConcurrentQueue<(OrderCommandKind Kind, string LinkId, long At)> Unanswered { get; } = new();

    /// <summary>When set, the connect never completes (it waits until cancelled): a venue that accepts the connection and never answers.</summary>
    public bool ConnectNever { get; set; }

    /// <summary>When set, snapshots are never answered (the start's reconciliation waits); orders still are.</summary>
    public bool SnapshotsNever { get; set; }

    /// <summary>Completes when the session asks to connect.</summary>
    public TaskCompletionSource Connecting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the session first asks for a snapshot (the start's reconciliation).</summary>
    public TaskCompletionSource Reconciling { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void CutPrivateStream() => _private.Writer.TryWrite(new StreamStatus(false, "cut by the test"));

    public void RestorePrivateStream() => _private.Writer.TryWrite(new StreamStatus(true, "restored by the test"));

    /// <summary>Pushes an update on the private stream (which carries every execution on the account, whoever placed the order).</summary>
    public void Push(PrivateUpdate update) => _private.Writer.TryWrite(update);

    /// <summary>
    /// Executions of another session on the same account, in every snapshot from their time on. The
    /// position is left as it is: that session's earlier executions, before the window asked for, balance them.
    /// </summary>
    public ConcurrentQueue<VenueExecution> OthersExecutions { get; } = new();

    public Task<VenueInstrument> ConnectAsync(string symbol, CancellationToken cancellationToken)
    {
        Connecting.TrySetResult();
        return ConnectNever ? Never<VenueInstrument>(cancellationToken) : inner.ConnectAsync(symbol, cancellationToken);
    }

    public IAsyncEnumerable<BybitFeedMessage> MarketDataAsync(CancellationToken cancellationToken) => inner.MarketDataAsync(cancellationToken);

    public async IAsyncEnumerable<PrivateUpdate> PrivateUpdatesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new StreamStatus(true, "fake venue");
        await foreach (PrivateUpdate update in _private.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    public void Observe(BybitFeedMessage message, List<PrivateUpdate> updates)
    {
        inner.Observe(message, updates);
        Lose(updates);
    }

    public void Tick(long now, List<PrivateUpdate> updates)
    {
        inner.Tick(now, updates);
        Lose(updates);
    }

    /// <summary>
    /// The next <paramref name="count"/> executions never reach the session (their messages are lost
    /// on the way); the venue keeps them, as its account and execution list would.
    /// </summary>
    public void LoseExecutions(int count) => Volatile.Write(ref _executionsToLose, count);

    /// <summary>The executions lost so far.</summary>
    public ConcurrentQueue<VenueExecution> Lost { get; } = new();

    public ValueTask<OrderReply> SendAsync(OrderCommand command, CancellationToken cancellationToken)
    {
        if (Silent)
        {
            return new ValueTask<OrderReply>(Never<OrderReply>(cancellationToken));
        }

        if (Unreachable)
        {
            Unanswered.Enqueue((command.Kind, command.LinkId, Stopwatch.GetTimestamp()));
            long at = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
            return ValueTask.FromResult(new OrderReply(command, ReplyOutcome.Unknown, 0, "timed out", null, 0, at));
        }

        if (command.Kind == OrderCommandKind.CancelAll)
        {
            Interlocked.Increment(ref _cancelAlls);
        }

        if (command.Kind == OrderCommandKind.Create)
        {
            CreatesSentAt.Enqueue(Stopwatch.GetTimestamp());
        }

        if (command.Kind == OrderCommandKind.Amend && Interlocked.Decrement(ref _amendsToRefuse) >= 0)
        {
            long now = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
            return ValueTask.FromResult(new OrderReply(command, ReplyOutcome.Rejected, 10001, "params error: a post-only order would take liquidity at the new price", null, now, now));
        }

        if (command.Kind == OrderCommandKind.Cancel && Interlocked.Decrement(ref _cancelsToRefuse) >= 0)
        {
            RefusedCancels.Enqueue(command.LinkId);
            long now = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
            return ValueTask.FromResult(new OrderReply(command, ReplyOutcome.Rejected, 110001, "order not exists or too late to cancel", null, now, now));
        }

        if (command.Kind == OrderCommandKind.Create && Interlocked.Exchange(ref _createsHeldFor, 0) is > 0 and long held)
        {
            Task<OrderReply> sent = inner.SendAsync(command, cancellationToken).AsTask();
            Assert.True(sent.IsCompletedSuccessfully, "the paper venue answers at once");
            OrderReply reply = sent.Result;
            return ValueTask.FromResult(reply with { LimitRemaining = 0, LimitResetAt = reply.ReceivedAt + held });
        }

        return inner.SendAsync(command, cancellationToken);
    }

    public async Task<VenueSnapshot> SnapshotAsync(long executionsSince, CancellationToken cancellationToken)
    {
        Reconciling.TrySetResult();
        if (Silent || SnapshotsNever)
        {
            return await Never<VenueSnapshot>(cancellationToken).ConfigureAwait(false);
        }

        VenueSnapshot snapshot = await inner.SnapshotAsync(executionsSince, cancellationToken).ConfigureAwait(false);
        return snapshot with { Position = snapshot.Position + PositionOffset, Executions = [.. snapshot.Executions, .. OthersExecutions.Where(e => e.ExecutionTime >= executionsSince)] };
    }

    /// <summary>When set, the order history is refused with this error.</summary>
    public Exception? ClosedOrdersFailure { get; set; }

    public Task<IReadOnlyList<VenueOrderUpdate>> ClosedOrdersAsync(long since, CancellationToken cancellationToken) =>
        ClosedOrdersFailure is { } failure ? Task.FromException<IReadOnlyList<VenueOrderUpdate>>(failure) : inner.ClosedOrdersAsync(since, cancellationToken);

    public async Task<long> ServerTimeAsync(CancellationToken cancellationToken) =>
        (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100 + ServerOffset + await Task.FromResult(0L).ConfigureAwait(false);

    public async Task<VenueAccount> AccountAsync(long since, CancellationToken cancellationToken)
    {
        if (Silent)
        {
            return await Never<VenueAccount>(cancellationToken).ConfigureAwait(false);
        }

        VenueAccount account = await inner.AccountAsync(since, cancellationToken).ConfigureAwait(false);
        return account with { Position = account.Position + PositionOffset };
    }

    public void ResumeFrom(JournalState journal) => inner.ResumeFrom(journal);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private void Lose(List<PrivateUpdate> updates)
    {
        for (int i = 0; i < updates.Count && Volatile.Read(ref _executionsToLose) > 0; i++)
        {
            if (updates[i] is VenueExecution execution)
            {
                Lost.Enqueue(execution);
                updates.RemoveAt(i--);
                Interlocked.Decrement(ref _executionsToLose);
            }
        }
    }

    private static async Task<T> Never<T>(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        throw new UnreachableException();
    }
}
