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
        if (!listen.IsLoopback)
        {
            error.WriteLine($"WARNING: the dashboard listens on {listen}, not on localhost: anyone who can reach this machine sees the session{(live ? " (actions still need the token)" : "")}. Use --dashboard 127.0.0.1:PORT unless that is what you want.");
            error.Flush();
        }
    }
}
