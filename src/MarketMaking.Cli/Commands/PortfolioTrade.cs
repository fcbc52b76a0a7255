using System.Globalization;
using System.Runtime.InteropServices;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.Risk;
using MarketMaking.Dashboard;
using MarketMaking.Research.Reports;
using MarketMaking.Signals.Calibration;
using MarketMaking.Strategies;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Portfolio;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm trade</c> with several <c>--symbol</c>: one <see cref="TradingSession"/> per instrument in
/// this process, each with its own venue connection and its own journal (the one-symbol journal,
/// unchanged, so <c>mm journal</c>, <c>mm dashboard</c> and a restart after kill -9 work per
/// instrument as they do for one), all under one set of portfolio limits; <c>--dashboard</c> serves
/// the portfolio page with a tab per instrument.
/// </summary>
internal static class PortfolioTrade
{
    public static async Task<int> RunAsync(Terminal terminal, string[] symbols, SessionSettings template, PortfolioRiskLimits limits, Func<IVenue> target, Func<Instrument, CalibrationResult?, IQuotingStrategy> strategy, string label, bool json, TradeRunFolder? runFolder, ListenAddress? listen, CancellationToken cancellationToken)
    {
        var risk = new PortfolioRisk(symbols, limits);
        var venues = new List<IVenue>(symbols.Length);
        try
        {
            var settings = new List<SessionSettings>(symbols.Length);
            var sessions = new List<TradingSession>(symbols.Length);
            for (int i = 0; i < symbols.Length; i++)
            {
                IVenue venue = target();
                venues.Add(venue);
                SessionSettings instrument = (template with
                {
                    Symbol = symbols[i],
                    JournalPath = JournalFor(template.JournalPath, symbols[i]),
                    RateLimits = Share(template.RateLimits, symbols.Length),
                    Portfolio = risk.Seat(i),
                }).Validate();
                settings.Add(instrument);
                var session = new TradingSession(venue, instrument, strategy);
                if (!json)
                {
                    session.Started = () =>
                    {
                        lock (terminal)
                        {
                            terminal.Writer.WriteLine($"trading {instrument.Symbol} on {venue.Name} with {label}; journal {instrument.JournalPath}; SIGINT or SIGTERM to stop");
                        }
                    };
                    session.Reachability = line =>
                    {
                        lock (terminal)
                        {
                            terminal.Error.WriteLine($"{instrument.Symbol}: {line}");
                        }
                    };
                }

                sessions.Add(session);
            }

            var run = new PortfolioSession(sessions, risk);
            using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; run.RequestStop(); });
            using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; run.RequestStop(); });
            await using PortfolioDashboard? dashboard = listen is null ? null
                : await PortfolioDashboard.StartAsync([.. sessions.Select((s, i) => (symbols[i], (ISessionFeed)new LiveSessionFeed(s)))], risk.Limits, listen, cancellationToken).ConfigureAwait(false);
            if (dashboard is not null)
            {
                // With --json standard output carries the JSON alone.
                DashboardAnnouncement.Write(json ? terminal.Error : terminal.Writer, terminal.Error, dashboard, symbols, listen!, live: true);
            }

            PortfolioResult result = await run.RunAsync(cancellationToken).ConfigureAwait(false);
            var folders = new List<string>();
            for (int i = 0; i < symbols.Length && runFolder is not null; i++)
            {
                if (result.Instruments[i].StoppedBeforeTrading)
                {
                    continue; // nothing traded: the journal records the run's end
                }

                folders.Add(runFolder.Save(settings[i], venues[i].Name, result.Instruments[i], perSymbol: true));
            }

            // A kill switch on any instrument (each kill ends its own session) is the run's exit code.
            int exit = result.Instruments.Max(TradeCommand.ExitCode);
            if (json)
            {
                terminal.Writer.WriteLine(PortfolioJson.Final(result));
                return exit;
            }

            Write(terminal, result, venues[0].Name, label);
            foreach (string folder in folders)
            {
                terminal.Writer.WriteLine($"run folder: {folder}");
            }

            return exit;
        }
        finally
        {
            foreach (IVenue venue in venues)
            {
                await venue.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The journal of one instrument: <c>runs/trade/journal.db</c> → <c>runs/trade/journal-BTCUSDT.db</c>.</summary>
    public static string JournalFor(string path, string symbol)
    {
        string folder = Path.GetDirectoryName(path) ?? "";
        return Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(path)}-{symbol}{Path.GetExtension(path)}");
    }

    /// <summary>
    /// Each of <paramref name="engines"/> engines gets an equal share of every client-side rate limit
    /// (at least one request a second): the venue counts the account's requests, whichever instrument they are for.
    /// </summary>
    public static IReadOnlyDictionary<VenueEndpoint, int> Share(IReadOnlyDictionary<VenueEndpoint, int> limits, int engines) =>
        limits.ToDictionary(l => l.Key, l => Math.Max(1, l.Value / engines));

    private static void Write(Terminal terminal, PortfolioResult result, string venue, string label)
    {
        for (int i = 0; i < result.Symbols.Count; i++)
        {
            SessionResult r = result.Instruments[i];
            if (r.StoppedBeforeTrading)
            {
                terminal.Writer.WriteLine($"{result.Symbols[i]}: {r.EndReason}; journal {r.JournalPath}");
                continue;
            }

            RunTable.Write(terminal, [RunRow.From(r.Run)], $"{label} on {venue}, {result.Symbols[i]}");
            terminal.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Symbols[i]}: position {r.Position} (venue {r.VenuePosition}); cash {r.Cash} (venue {r.VenueCash}); executions {r.Executions} (venue {r.VenueExecutions}, journal {r.JournalExecutions}); orders open at the end {r.OrdersOpenAtEnd}{(r.KillReason is null ? "" : $"; kill switch: {r.KillReason}")}; journal {r.JournalPath}"));
        }

        PortfolioState p = result.Portfolio;
        terminal.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"portfolio: net PnL {result.NetPnl:0.####}; net exposure {p.NetExposure:0.##} (limit {Limit(p.MaxNetExposure)}); gross notional {p.GrossNotional:0.##} (limit {Limit(p.MaxGrossNotional)}); orders refused by the portfolio limits {p.Refusals}"));
    }

    private static string Limit(double value) => double.IsFinite(value) ? value.ToString("0.##", CultureInfo.InvariantCulture) : "none";
}
