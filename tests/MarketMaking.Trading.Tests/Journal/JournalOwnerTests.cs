using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Tests.Session;
using MarketMaking.Trading.Venues;
using Microsoft.Data.Sqlite;

namespace MarketMaking.Trading.Tests.Journal;

/// <summary>A journal belongs to one mode, venue, endpoint and symbol: a session on anything else is refused before it writes.</summary>
public class JournalOwnerTests
{
    private static readonly VenueIdentity PaperBybit = new(Paper: true, "bybit", "https://api.bybit.com/");

    [Theory]
    [InlineData(false, "local", "http://127.0.0.1:8199/", "BTCUSDT", "paper trading of BTCUSDT on bybit; this session is live on local")]
    [InlineData(false, "bybit", "https://api.bybit.com/", "BTCUSDT", "paper trading of BTCUSDT on bybit; this session is live on bybit")]
    [InlineData(true, "bybit", "https://api.bybit.com/", "ETHUSDT", "paper trading of BTCUSDT on bybit; this session is paper trading of ETHUSDT on bybit")]
    [InlineData(true, "bybit", "https://api-testnet.bybit.com/", "BTCUSDT", "paper trading of BTCUSDT on bybit at https://api.bybit.com/; this session is paper on bybit at https://api-testnet.bybit.com/")]
    public void WhatDiffersIsNamed(bool paper, string venue, string endpoint, string symbol, string expected)
    {
        var journal = new JournalOwner(PaperBybit, "BTCUSDT");
        InvalidParameterException error = Assert.Throws<InvalidParameterException>(() => journal.Admit(new JournalOwner(new VenueIdentity(paper, venue, endpoint), symbol), "runs/x/journal.db"));
        Assert.Equal($"invalid journal: runs/x/journal.db belongs to {expected}: give another --journal", error.Message);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public void TheSameOwnerIsAdmittedAndAJournalThatPredatesTheRecordIsCheckedOnItsSymbolAlone()
    {
        new JournalOwner(PaperBybit, "BTCUSDT").Admit(new JournalOwner(PaperBybit with { }, "BTCUSDT"), "j.db");
        var old = new JournalOwner(null, "BTCUSDT");
        old.Admit(new JournalOwner(new VenueIdentity(false, "local", "http://127.0.0.1:8199/"), "BTCUSDT"), "j.db");
        Assert.Equal(
            "invalid journal: j.db belongs to trading of BTCUSDT; this session is live trading of ETHUSDT on local: give another --journal",
            Assert.Throws<InvalidParameterException>(() => old.Admit(new JournalOwner(new VenueIdentity(false, "local", "http://127.0.0.1:8199/"), "ETHUSDT"), "j.db")).Message);
    }

    [Fact]
    public async Task ALiveSessionOnAPaperJournalIsRefusedAndTheJournalIsLeftAsItWas()
    {
        using var harness = new SessionHarness(messages: 600);
        Task<SessionResult> paper = harness.Session.RunAsync();
        await harness.PlayedAsync(300);
        harness.Session.RequestStop();
        await paper;
        byte[] before = await AtRestAsync(harness.JournalPath);

        harness.Venue.Identity = new VenueIdentity(Paper: false, "local", "http://127.0.0.1:8199/");
        InvalidParameterException error = await Assert.ThrowsAsync<InvalidParameterException>(() => harness.New().RunAsync());

        Assert.Equal($"invalid journal: {harness.JournalPath} belongs to paper trading of TESTUSDT on fake; this session is live on local: give another --journal", error.Message);
        Assert.Equal(before, await AtRestAsync(harness.JournalPath));
        Assert.Single(JournalReader.Load(harness.JournalPath).Runs);
    }

    /// <summary>The journal's bytes with everything in its write-ahead log moved into the file (and the log emptied).</summary>
    private static async Task<byte[]> AtRestAsync(string path)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }

        return await File.ReadAllBytesAsync(path);
    }

    [Fact]
    public async Task AJournalWithoutTheRecordIsCheckedOnItsFirstRunsSymbolThenBelongsToTheSessionAdmitted()
    {
        using var harness = new SessionHarness(messages: 900);
        await using (TradingJournal old = TradingJournal.Open(harness.JournalPath, 1, "fake", "TESTUSDT", "touch"))
        {
            // A journal of an earlier version: a run that traded, no owner.
            old.Order(new OrderTracker().Add(1, "mm-old-0", Side.Buy, 990.0m, 0.01m, false, 1));
            await old.FlushAsync();
        }

        var other = new TradingSession(harness.Venue, harness.Settings with { Symbol = "ETHUSDT" }, _ => new TouchStrategy(0.01));
        Assert.Equal(
            $"invalid journal: {harness.JournalPath} belongs to trading of TESTUSDT; this session is paper trading of ETHUSDT on fake: give another --journal",
            (await Assert.ThrowsAsync<InvalidParameterException>(() => other.RunAsync())).Message);

        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(300);
        harness.Session.RequestStop();
        await running;
        Assert.Equal(2, JournalReader.Load(harness.JournalPath).Runs.Count);

        var live = new TradingSession(harness.Venue, harness.Settings, _ => new TouchStrategy(0.01));
        harness.Venue.Identity = new VenueIdentity(Paper: false, "fake", "script");
        InvalidParameterException error = await Assert.ThrowsAsync<InvalidParameterException>(() => live.RunAsync());
        Assert.Equal($"invalid journal: {harness.JournalPath} belongs to paper trading of TESTUSDT on fake; this session is live on fake: give another --journal", error.Message);
    }
}
