using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Orders;
using MarketMaking.Venue;
using MarketMaking.Venue.Exchange;

namespace MarketMaking.Trading.Tests.Acceptance;

/// <summary>Acceptance 3 (SIGTERM) and 4 (kill -9 and restart) with the built tool as a child process.</summary>
public class CrashRestartTests
{
    [Fact]
    public async Task KillNineThenRestartReconcilesWithoutADuplicateLinkIdAndKeepsTheWholeJournal()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var journal = new TempJournal();
        string folder = Path.Combine(journal.Folder, "run");

        using (MmProcess crashed = MmProcess.Trade(local, "--strategy", "touch", "--journal", journal.Path, "--duration", "2m", "--json", "--no-save"))
        {
            // Trading, with executions behind it and orders resting: then the process dies at once.
            var clock = Stopwatch.StartNew();
            while ((await local.StateAsync()) is var state && (state.Executions.Count < 10 || state.OpenOrders.Count == 0))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"no trading after a minute: {crashed.Error}");
                await Task.Delay(50);
            }

            crashed.KillHard();
            Assert.Equal(137, await crashed.ExitAsync(TimeSpan.FromSeconds(30)));
            AssertNoSecret(local, crashed.Output + crashed.Error);
        }

        // Whatever the crash left resting (usually the two quotes; one may fill meanwhile) the restart must cancel.
        string[] leftBehind = [.. (await local.StateAsync()).OpenOrders.Select(o => o.OrderLinkId)];
        JournalState afterCrash = JournalReader.Load(journal.Path);
        JournalRun first = Assert.Single(afterCrash.Runs);
        Assert.Null(first.EndedAt);
        var links = new LinkIds(afterCrash.LinkPrefix!, 0, long.MaxValue);
        long highestBefore = JournalReader.Orders(journal.Path).Max(o => links.CounterOf(o.LinkId));
        Assert.Equal(highestBefore, afterCrash.LastLinkCounter);

        // An order the crash kept out of the journal that went without trading (as if sent in the writer's last
        // interval, then cancelled): the restart must find it in the venue's order history and write its row.
        string lost = afterCrash.LinkPrefix + (afterCrash.LinkReserved - 1).ToString(CultureInfo.InvariantCulture);
        using (var client = new BybitTradingClient(local.Credentials, new BybitTradingOptions { Environment = local.Environment }))
        {
            Assert.Empty((await client.GetOrdersAsync(new BybitOrderQuery("linear") { OrderLinkId = lost })).Result.List); // the crashed run never got that far
            await client.PlaceOrderAsync(new BybitOrderRequest { Category = "linear", Symbol = "SIMUSDT", Side = Side.Buy, OrderType = BybitOrderType.Limit, Qty = 10, Price = 1.00m, OrderLinkId = lost });
            await client.CancelOrderAsync(new BybitCancelRequest { Category = "linear", Symbol = "SIMUSDT", OrderLinkId = lost });
        }

        using MmProcess restarted = MmProcess.Trade(local, "--strategy", "touch", "--journal", journal.Path, "--duration", "5s", "--json", "--out", folder);
        Assert.Equal(0, await restarted.ExitAsync(TimeSpan.FromSeconds(60)));
        using JsonDocument end = JsonDocument.Parse(restarted.Output);
        JsonElement json = end.RootElement;
        VenueState venue = await local.StateAsync();

        // Reconciled: nothing open, the venue's position and cash, every execution (the crashed run's too) once.
        Assert.Equal(0, json.GetProperty("orders_open_at_end").GetInt32());
        Assert.Empty(venue.OpenOrders);
        Assert.Equal(venue.Position, json.GetProperty("position").GetDecimal());
        Assert.Equal(venue.Cash - LocalVenues.InitialBalance, json.GetProperty("cash").GetDecimal());
        IReadOnlyList<JournalFill> fills = JournalReader.Fills(journal.Path);
        Assert.Equal(venue.Executions.Select(e => e.ExecId).Order(StringComparer.Ordinal), fills.Select(f => f.ExecutionId).Order(StringComparer.Ordinal));
        Assert.Contains(fills, f => f.Run == 1);

        // No orderLinkId used twice: the restart resumed past every id the crashed run could have sent.
        IReadOnlyList<JournalOrder> orders = JournalReader.Orders(journal.Path);
        Assert.Equal(orders.Count, orders.Select(o => o.LinkId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(orders.Where(o => o.Run == 2), o => Assert.True(links.CounterOf(o.LinkId) > highestBefore, o.LinkId));
        Assert.DoesNotContain(JournalReader.Events(journal.Path, "reply"), e => e.Detail.Contains("110072", StringComparison.Ordinal));
        Assert.All(leftBehind, link => Assert.Contains(JournalReader.Orders(journal.Path), o => o.LinkId == link && o.State is "Cancelled" or "Filled"));
        JournalOrder lostRow = Assert.Single(orders, o => o.LinkId == lost);
        Assert.Equal(("Cancelled", 2, 10m, 0m), (lostRow.State, lostRow.Run, lostRow.Quantity, lostRow.Executed));

        // The journal is whole: both runs, the second ended cleanly, the crashed run's orders reconciled.
        JournalState whole = JournalReader.Load(journal.Path);
        Assert.Equal([1, 2], whole.Runs.Select(r => r.Run));
        Assert.NotNull(whole.Runs[1].EndedAt);
        Assert.Empty(whole.OpenOrders);

        // The credentials appear nowhere: not in the output, the journal or the run folder.
        AssertNoSecret(local, restarted.Output + restarted.Error);
        foreach (string file in Directory.EnumerateFiles(journal.Folder, "*", SearchOption.AllDirectories))
        {
            AssertNoSecret(local, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), file);
        }
    }

    [Fact]
    public async Task SigtermCancelsEveryOrderAtOnceAndExitsZero()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var journal = new TempJournal();
        using MmProcess mm = MmProcess.Trade(local, "--strategy", "touch", "--journal", journal.Path, "--duration", "2m", "--json", "--no-save");
        await LocalVenues.QuotingAsync(local, TimeSpan.FromSeconds(60));
        await Task.Delay(1000);
        mm.Terminate();
        await LocalVenues.NoOrderOpenAsync(local, TimeSpan.FromSeconds(30));
        Assert.Equal(0, await mm.ExitAsync(TimeSpan.FromSeconds(30)));

        CancelledAtOnce.After(journal.Path, e => e.Kind == "stop", "stop requested (signal)");
        using JsonDocument end = JsonDocument.Parse(mm.Output);
        Assert.Equal(0, end.RootElement.GetProperty("orders_open_at_end").GetInt32());
        Assert.NotNull(Assert.Single(JournalReader.Load(journal.Path).Runs).EndedAt); // the final state was written
    }

    [Fact]
    public async Task SigintWaitsForTheSessionsOwnShutdownWhileTheVenueIsFrozen()
    {
        // The venue is a process of its own, so SIGSTOP freezes it as a venue that stops answering.
        using var journal = new TempJournal();
        string keys = Path.Combine(journal.Folder, "venue.keys");
        using MmProcess venue = MmProcess.Run("venue", "--port", "0", "--credentials", keys);
        await venue.PrintedAsync("http://", TimeSpan.FromSeconds(60));
        string url = venue.Output.Split('\n')[0].Trim();
        using MmProcess mm = MmProcess.Run("trade", "--venue", "local", "--endpoint", url, "--credentials", keys, "--symbol", "SIMUSDT", "--strategy", "fixed", "--spread-bps", "20", "--journal", journal.Path, "--no-save");
        await mm.PrintedAsync("trading SIMUSDT", TimeSpan.FromSeconds(60));
        var quoting = Stopwatch.StartNew();
        while (JournalReader.Orders(journal.Path).Count == 0)
        {
            Assert.True(quoting.Elapsed < TimeSpan.FromSeconds(60), "no order after 60 s");
            await Task.Delay(50);
        }

        venue.Signal("STOP");
        mm.Signal("INT");

        // The cancels wait on the frozen venue past System.CommandLine's 2 s, which ended the process there (exit 130, nothing written).
        await Task.Delay(4000);
        Assert.False(mm.HasExited, "exited while the venue was frozen");
        venue.Signal("CONT");
        Assert.Equal(0, await mm.ExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("orders open at the end 0", mm.Output, StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(JournalReader.Load(journal.Path).Runs).EndedAt);
    }

    [Fact]
    public async Task SigtermWhileTheConnectGetsNoAnswerEndsAtOnceExitsZeroAndJournalsTheStopBeforeTrading()
    {
        // A venue that takes the connection and never answers: the connect would wait for its timeouts and retries.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new ConcurrentBag<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                held.Add(await silent.AcceptTcpClientAsync());
            }
        });
        using var journal = new TempJournal();
        using MmProcess mm = MmProcess.Run("trade", "--venue", "local", "--endpoint", $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}", "--paper", "--symbol", "SIMUSDT", "--journal", journal.Path, "--no-save");
        var clock = Stopwatch.StartNew();
        while (!Connecting(journal.Path))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the session did not start connecting: {mm.Error}");
            await Task.Delay(20);
        }

        await Task.Delay(300); // connecting
        mm.Terminate();
        Assert.Equal(0, await mm.ExitAsync(TimeSpan.FromSeconds(30)));

        // The listener never answers: a run that waited for the connect would end on its timeout, not on the stop, and not with 0.
        const string Reason = "stopped before trading began (connecting): stop requested (signal)";
        Assert.Equal($"{Reason}; journal {journal.Path}", mm.Output.Trim());
        JournalRun run = Assert.Single(JournalReader.Load(journal.Path).Runs);
        Assert.Equal(Reason, run.EndReason);
        Assert.NotNull(run.EndedAt);
        silent.Stop();
        foreach (TcpClient client in held)
        {
            client.Dispose();
        }
    }

    /// <summary>Whether the session has journaled its start (it connects next); false while the journal is not there yet.</summary>
    private static bool Connecting(string journal)
    {
        try
        {
            return File.Exists(journal) && JournalReader.Events(journal, "start").Count > 0;
        }
        catch (Exception e) when (e is TradingException or InvalidParameterException or Microsoft.Data.Sqlite.SqliteException)
        {
            return false; // being created: no tables yet (not a journal yet), or locked
        }
    }

    private static void AssertNoSecret(LocalVenue venue, string text, string where = "output")
    {
        Assert.False(text.Contains(venue.ApiKey, StringComparison.Ordinal), $"the API key appears in {where}");
        Assert.False(text.Contains(venue.ApiSecret, StringComparison.Ordinal), $"the API secret appears in {where}");
    }
}
