using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Data.Bybit;
using MarketMaking.Research;
using MarketMaking.Research.Runs;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm record</c>: records an exchange's live order book and trades in its own historical file
/// format, rotating files hourly; Ctrl-C (or a crash) loses at most the last second.
/// </summary>
internal static class RecordCommand
{
    public static Command Create(Terminal terminal)
    {
        var source = new FetchCommand.SourceOptions();
        var depth = new Option<int>("--depth") { Description = $"order-book depth: {string.Join(", ", BybitTopics.Depths)}", DefaultValueFactory = _ => 50 };
        var duration = new Option<string>("--duration") { Description = "how long to record: 90s, 30m, 1h, 1h30m, 2d", DefaultValueFactory = _ => "1h" };
        var output = new Option<string>("--out") { Description = "folder for the hourly files ({date}T{hour}_{symbol}_ob{depth}.data and _trade.data)", Required = true };
        var command = new Command("record", "Record the live order book and trades (Bybit's historical NDJSON format, hourly files).") { depth, duration, output };
        source.AddTo(command);
        // Its one request (the instrument) sends the source's parameters alone: a refusal names one of them.
        FetchCommand.SetAction(command, FetchCommand.SourceOptions.Parameters, async (parse, cancellationToken) =>
        {
            (BybitCategory category, string symbol, Uri baseUrl) = source.Resolve(parse);
            string bookTopic = BybitTopics.OrderBook(parse.GetValue(depth), symbol);
            string tradeTopic = BybitTopics.Trades(symbol);
            TimeSpan length = Durations.Parse("duration", parse.GetValue(duration)!);
            string folder = parse.GetValue(output)!;

            Instrument instrument;
            using (var client = new BybitRestClient(new BybitRestOptions { BaseUrl = baseUrl }))
            {
                instrument = await client.GetInstrumentAsync(category, symbol, cancellationToken).ConfigureAwait(false);
            }

            var feed = new BybitMarketFeed(category, instrument, [bookTopic, tradeTopic], new BybitFeedOptions { BaseUrl = BybitEndpoints.StreamFor(baseUrl) });
            List<string> created = MissingFolders(folder);
            using var recorder = new BybitRecorder(folder, instrument);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(length);
            long messages = 0;
            var clock = Stopwatch.StartNew();
            try
            {
                await ProgressBars.RunAsync(terminal, $"{symbol} {bookTopic}", length.TotalSeconds, async task =>
                {
                    try
                    {
                        await foreach (BybitFeedMessage message in feed.ReadAsync(stop.Token).ConfigureAwait(false))
                        {
                            recorder.Write(message);
                            messages++;
                            task.Description = $"{symbol}: {messages:N0} messages, {feed.Reconnects} reconnects, {feed.Gaps} gaps, {feed.MalformedMessages} malformed";
                            task.Value = clock.Elapsed.TotalSeconds;
                            if (!task.Interactive && message.Kind is BybitFeedMessageKind.Disconnected or BybitFeedMessageKind.Gap or BybitFeedMessageKind.Malformed)
                            {
                                // No live display to disturb: a log line per incident.
                                terminal.Writer.WriteLine($"{DateTimeOffset.UtcNow:u} {message.Kind}: {message.Detail}");
                            }
                        }
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        // The duration elapsed or the user pressed Ctrl-C: both end the recording normally.
                    }
                }).ConfigureAwait(false);
            }
            catch (BybitApiException e) when (e.Topics.Count > 0)
            {
                // Bybit refused a topic (a depth its stream of this category does not publish, or any topic on
                // a resubscription after a gap or reconnect): the user's input, as a refused request parameter.
                // What was recorded before stays, flushed, and the line says where; the folders this recording
                // created and left empty go.
                recorder.Dispose();
                if (recorder.Files.Count == 0)
                {
                    RemoveEmpty(created);
                }

                string kept = recorder.LinesWritten switch
                {
                    0 => "",
                    1 => $"; the 1 line recorded before is kept in {string.Join(", ", recorder.Files)}",
                    long lines => $"; the {lines:N0} lines recorded before are kept in {string.Join(", ", recorder.Files)}",
                };

                // "Invalid symbol :[orderbook.50.X]" names the symbol as well as the book's topic.
                throw FetchCommand.Refused(e, [(bookTopic, "depth"), (tradeTopic, "symbol"), ("symbol", "symbol")], kept);
            }

            recorder.Dispose();
            if (source.Json(parse))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Lines = recorder.LinesWritten, Seconds = clock.Elapsed.TotalSeconds, recorder.Files, Folder = folder, feed.Reconnects, feed.Gaps, MalformedMessages = feed.MalformedMessages }));
                return 0;
            }

            terminal.Writer.WriteLine(
                $"recorded {recorder.LinesWritten:N0} lines of {symbol} ({category.ApiName()}) in {clock.Elapsed.TotalSeconds:0} s to {recorder.Files.Count} files in {folder}: " +
                $"{feed.Reconnects} reconnects, {feed.Gaps} gaps, {feed.MalformedMessages} malformed messages skipped");
            return 0;
        });
        return command;
    }

    /// <summary>The levels of <paramref name="folder"/> that do not exist yet, deepest first: what the recorder's CreateDirectory makes.</summary>
    private static List<string> MissingFolders(string folder)
    {
        var missing = new List<string>();
        // "runs/rec/": without its trailing separator, or its parent would be "runs/rec" again.
        for (string? level = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)); !string.IsNullOrEmpty(level) && !Directory.Exists(level); level = Path.GetDirectoryName(level))
        {
            missing.Add(level);
        }

        return missing;
    }

    /// <summary>Removes the folders this recording created, deepest first, while they are empty (none that existed before).</summary>
    private static void RemoveEmpty(List<string> created)
    {
        foreach (string level in created)
        {
            if (!Directory.Exists(level) || Directory.EnumerateFileSystemEntries(level).Any())
            {
                return;
            }

            Directory.Delete(level);
        }
    }
}
