using System.Globalization;
using System.Text;
using System.Text.Json;
using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// Writes stream messages in Bybit's historical file format: NDJSON, one WebSocket message per line,
/// exactly as received (order books in <c>{yyyy-MM-dd}T{HH}_{SYMBOL}_ob{depth}.data</c>, trades in
/// <c>{yyyy-MM-dd}T{HH}_{SYMBOL}_trade.data</c>). Files rotate every UTC hour of the clock; each new
/// order-book file starts with a snapshot of the book as recorded so far, so every hour replays on
/// its own. Data reaches the operating system at least every <c>flushInterval</c> (1 s), so a crash
/// or Ctrl-C loses at most that much.
/// </summary>
public sealed class BybitRecorder : IDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly string _directory;
    private readonly Instrument _instrument;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HourlyFile> _files = [];
    private readonly List<string> _paths = [];
    private readonly OrderBook _book = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flushing;
    private string? _lastBookMessage;
    private bool _hasBook;
    private bool _disposed;

    public BybitRecorder(string directory, Instrument instrument, TimeProvider? clock = null, TimeSpan? flushInterval = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _directory = directory;
        _instrument = instrument ?? throw new ArgumentNullException(nameof(instrument));
        _clock = clock ?? TimeProvider.System;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(directory, e.Message);
        }

        _flushing = FlushPeriodicallyAsync(flushInterval ?? TimeSpan.FromSeconds(1));
    }

    /// <summary>Lines written so far (synthesized snapshots included).</summary>
    public long LinesWritten { get; private set; }

    /// <summary>Every file written to, in the order they were opened.</summary>
    public IReadOnlyList<string> Files
    {
        get
        {
            lock (_lock)
            {
                return [.. _paths];
            }
        }
    }

    /// <summary>Records an order-book or trade message; klines and notices are not part of the format and are ignored.</summary>
    public void Write(BybitFeedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (message.Kind is BybitFeedMessageKind.Gap or BybitFeedMessageKind.Disconnected)
            {
                // Until the next snapshot the recorded book is not the exchange's: no snapshot may be synthesized from it.
                _hasBook = false;
                return;
            }

            if (message.Kind is not (BybitFeedMessageKind.OrderBook or BybitFeedMessageKind.Trades))
            {
                return;
            }

            bool book = message.Kind == BybitFeedMessageKind.OrderBook;
            string suffix = book ? "ob" + message.Topic.Split('.')[1] : "trade";
            DateTimeOffset now = _clock.GetUtcNow();
            if (!_files.TryGetValue(suffix, out HourlyFile? file) || file.Hour != Hour(now))
            {
                file?.Dispose();
                file = Open(suffix, now);
                _files[suffix] = file;
                if (book && !message.IsSnapshot && _hasBook)
                {
                    WriteLine(file, SnapshotOfBook());
                }
            }

            WriteLine(file, OneLine(message.Raw));
            if (book)
            {
                foreach (MarketEvent e in message.Events)
                {
                    _book.Apply(e);
                }

                _hasBook |= message.IsSnapshot;
                _lastBookMessage = message.Raw;
            }
        }
    }

    /// <summary>Pushes everything written so far to the operating system.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            foreach (HourlyFile file in _files.Values)
            {
                file.Writer.Flush();
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stop.Cancel();
            foreach (HourlyFile file in _files.Values)
            {
                file.Dispose();
            }

            _files.Clear();
        }

        _flushing.Wait();
        _stop.Dispose();
    }

    private async Task FlushPeriodicallyAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                Flush();
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the files were flushed and closed there.
        }
    }

    private HourlyFile Open(string suffix, DateTimeOffset now)
    {
        string path = Path.Combine(_directory, $"{now.UtcDateTime.ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture)}_{_instrument.Symbol}_{suffix}.data");
        try
        {
            // Append: a restart within the hour continues the file (after a fresh snapshot).
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            _paths.Add(path);
            return new HourlyFile(Hour(now), new StreamWriter(stream, Utf8, 64 * 1024));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(path, e.Message);
        }
    }

    private void WriteLine(HourlyFile file, string line)
    {
        file.Writer.Write(line);
        file.Writer.Write('\n');
        LinesWritten++;
    }

    /// <summary>
    /// A snapshot message of the book as recorded, stamped like the last order-book message (topic,
    /// ts, u, seq, cts) so the deltas that follow chain onto it.
    /// </summary>
    private string SnapshotOfBook()
    {
        using JsonDocument last = JsonDocument.Parse(_lastBookMessage!);
        JsonElement root = last.RootElement;
        JsonElement data = root.GetProperty("data");
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("topic", root.GetProperty("topic").GetString());
            json.WriteString("type", "snapshot");
            json.WritePropertyName("ts");
            root.GetProperty("ts").WriteTo(json);
            json.WritePropertyName("data");
            json.WriteStartObject();
            json.WriteString("s", data.GetProperty("s").GetString());
            WriteSide(json, "b", Side.Buy);
            WriteSide(json, "a", Side.Sell);
            json.WritePropertyName("u");
            data.GetProperty("u").WriteTo(json);
            if (data.TryGetProperty("seq", out JsonElement seq))
            {
                json.WritePropertyName("seq");
                seq.WriteTo(json);
            }

            json.WriteEndObject();
            if (root.TryGetProperty("cts", out JsonElement cts))
            {
                json.WritePropertyName("cts");
                cts.WriteTo(json);
            }

            json.WriteEndObject();
        }

        return Utf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private void WriteSide(Utf8JsonWriter json, string name, Side side)
    {
        decimal tick = (decimal)_instrument.TickSize;
        decimal lot = (decimal)_instrument.LotSize;
        json.WritePropertyName(name);
        json.WriteStartArray();
        for (int i = 0; i < _book.LevelCount(side); i++)
        {
            BookLevel level = _book.Level(side, i);
            json.WriteStartArray();
            json.WriteStringValue((level.Price * tick).ToString(CultureInfo.InvariantCulture));
            json.WriteStringValue((level.Size * lot).ToString(CultureInfo.InvariantCulture));
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    /// <summary>Bybit sends one message per line already; a pretty-printed one is compacted to keep the format.</summary>
    private static string OneLine(string raw)
    {
        if (raw.AsSpan().IndexOfAny('\n', '\r') < 0)
        {
            return raw;
        }

        using JsonDocument document = JsonDocument.Parse(raw);
        return JsonSerializer.Serialize(document.RootElement);
    }

    private static long Hour(DateTimeOffset time) => time.ToUnixTimeSeconds() / 3600;

    /// <summary>The open file of one hour.</summary>
    private sealed class HourlyFile : IDisposable
    {
        public HourlyFile(long hour, StreamWriter writer)
        {
            Hour = hour;
            Writer = writer;
        }

        public long Hour { get; }

        public StreamWriter Writer { get; }

        public void Dispose() => Writer.Dispose();
    }
}
