using System.CommandLine;
using System.Text.Json;
using MarketMaking.Cli.Output;
using MarketMaking.Dashboard;
using MarketMaking.Research;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm dashboard SESSION.db</c>: the live dashboard's page for a finished session, drawn from its
/// journal, with a scrubber through time; its totals are <c>mm journal</c>'s. Serves until Ctrl-C.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create(Terminal terminal)
    {
        var path = new Argument<string[]>("journal") { Description = "the session's journal (journal.db); several (a multi-instrument session's journal-SYMBOL.db): a tab each and a portfolio view", Arity = ArgumentArity.OneOrMore };
        var listen = new Option<string>("--listen") { Description = "HOST:PORT to serve on (another host than localhost is reachable from other machines)", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var duration = new Option<string?>("--duration") { Description = "stop serving after this long (30s, 10m); default: until Ctrl-C" };
        var json = new Option<bool>("--json") { Description = "print where it serves as one JSON line ({\"url\",\"metrics\"}) instead of text" };
        var command = new Command("dashboard", "Serve the dashboard of a finished trading session from its journal (scrub through time), with /metrics.") { path, listen, duration, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            ListenAddress address = ListenAddress.Parse(parse.GetValue(listen)!, "listen");
            TimeSpan? stopAfter = parse.GetValue(duration) is { } text ? Durations.Parse("duration", text) : null;
            string[] journals = parse.GetValue(path)!;
            if (journals.Length > 1)
            {
                return await PortfolioAsync(terminal, journals, address, stopAfter, parse.GetValue(json), cancellationToken).ConfigureAwait(false);
            }

            JournalSessionFeed feed = JournalSessionFeed.Load(journals[0]);
            await using DashboardServer server = await DashboardServer.StartAsync(feed, address, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = server.Url.ToString(), ["metrics"] = $"{server.Url}metrics" }));
                terminal.Writer.Flush();
                DashboardAnnouncement.Write(TextWriter.Null, terminal.Error, server, address, live: false);
            }
            else
            {
                DashboardAnnouncement.Write(terminal.Writer, terminal.Error, server, address, live: false);
            }

            await ServeAsync(stopAfter, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>Several journals: the portfolio page (a tab per instrument, named by its journal's symbol) over them.</summary>
    private static async Task<int> PortfolioAsync(Terminal terminal, string[] journals, ListenAddress address, TimeSpan? stopAfter, bool json, CancellationToken cancellationToken)
    {
        List<(string Symbol, ISessionFeed Feed)> instruments = [.. journals.Select(j => JournalSessionFeed.Load(j)).Select(f => (f.Info?.Symbol ?? "?", (ISessionFeed)f))];
        await using PortfolioDashboard dashboard = await PortfolioDashboard.StartAsync(instruments, null, address, cancellationToken).ConfigureAwait(false);
        string[] symbols = [.. instruments.Select(i => i.Symbol)];
        if (json)
        {
            terminal.Writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = dashboard.Url.ToString() }));
            terminal.Writer.Flush();
            DashboardAnnouncement.Write(TextWriter.Null, terminal.Error, dashboard, symbols, address, live: false);
        }
        else
        {
            DashboardAnnouncement.Write(terminal.Writer, terminal.Error, dashboard, symbols, address, live: false);
        }

        await ServeAsync(stopAfter, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static async Task ServeAsync(TimeSpan? stopAfter, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(stopAfter ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: a clean stop.
        }
    }
}
