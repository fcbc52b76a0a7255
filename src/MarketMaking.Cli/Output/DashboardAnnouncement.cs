using MarketMaking.Dashboard;

namespace MarketMaking.Cli.Output;

/// <summary>The lines a dashboard starts with: where it is, the action token, and a loud warning when other machines can reach it.</summary>
internal static class DashboardAnnouncement
{
    public static void Write(TextWriter output, TextWriter error, DashboardServer server, ListenAddress listen, bool live)
    {
        output.WriteLine($"dashboard: {server.Url} (metrics: {server.Url}metrics)");
        if (live)
        {
            output.WriteLine($"dashboard action token (pause, resume, kill): {server.Token}");
        }

        output.Flush();
        Warn(error, listen, live);
    }

    /// <summary>A multi-instrument session's dashboard: the portfolio page, each instrument's page, and the one token.</summary>
    public static void Write(TextWriter output, TextWriter error, PortfolioDashboard dashboard, IReadOnlyList<string> symbols, ListenAddress listen, bool live)
    {
        output.WriteLine($"dashboard: {dashboard.Url} (portfolio; a tab per instrument)");
        for (int i = 0; i < symbols.Count; i++)
        {
            output.WriteLine($"dashboard of {symbols[i]}: {dashboard.Instruments[i].Url} (metrics: {dashboard.Instruments[i].Url}metrics)");
        }

        if (live)
        {
            output.WriteLine($"dashboard action token (pause, resume, kill): {dashboard.Token}");
        }

        output.Flush();
        Warn(error, listen, live);
    }

    private static void Warn(TextWriter error, ListenAddress listen, bool live)
    {
        if (!listen.IsLoopback)
        {
            error.WriteLine($"WARNING: the dashboard listens on {listen}, not on localhost: anyone who can reach this machine sees the session{(live ? " (actions still need the token)" : "")}. Use --dashboard 127.0.0.1:PORT unless that is what you want.");
            error.Flush();
        }
    }
}
