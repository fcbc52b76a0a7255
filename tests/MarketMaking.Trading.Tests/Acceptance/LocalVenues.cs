using System.Diagnostics;
using MarketMaking.Simulation.Agents;
using MarketMaking.Venue;
using MarketMaking.Venue.Exchange;
using MarketMaking.Venue.Faults;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Trading.Tests.Acceptance;

/// <summary>The local venue on 127.0.0.1 (port 0) over the agent-based market, as the acceptance tests start it.</summary>
internal static class LocalVenues
{
    /// <summary>The venue's starting balance, which its cash includes and the engine's does not.</summary>
    public const decimal InitialBalance = 100_000m;

    /// <summary>The default agent-based market (noise, informed and clustered flow) ten times faster than real time.</summary>
    public static Task<LocalVenue> StartAsync(FaultPlan? faults = null, double speed = 10, TextWriter? log = null, ulong seed = 7) =>
        LocalVenue.StartAsync(
            new AgentVenueMarket(new AgentMarketParameters { Symbol = "SIM", WarmUp = 30 }, seed),
            new VenueSettings { Speed = speed, Faults = faults ?? FaultPlan.None, InitialBalance = InitialBalance },
            log);

    /// <summary>
    /// The venue's key and secret in a file readable by its owner only, for <c>--credentials</c>: tests pass
    /// keys this way, never through the process's environment, which tests running in parallel share.
    /// </summary>
    public static string CredentialsFile(LocalVenue venue, string folder)
    {
        string file = Path.Combine(folder, "venue.keys");
        venue.WriteCredentials(file);
        return file;
    }

    /// <summary>A plan with one fault.</summary>
    public static FaultPlan Only(FaultKind kind, FaultRule rule) => new() { Seed = 7, Rules = new Dictionary<FaultKind, FaultRule> { [kind] = rule } };

    /// <summary>Waits until the venue holds none of our orders; returns the stopwatch time it saw that.</summary>
    public static async Task<long> NoOrderOpenAsync(LocalVenue venue, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            VenueState state = await venue.StateAsync();
            if (state.OpenOrders.Count == 0)
            {
                return Stopwatch.GetTimestamp();
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"orders still open on the venue after {within.TotalSeconds} s");
    }

    /// <summary>Waits until the venue holds at least one of our orders (the session is quoting).</summary>
    public static async Task QuotingAsync(LocalVenue venue, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while ((await venue.StateAsync()).OpenOrders.Count == 0)
        {
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"no order on the venue after {within.TotalSeconds} s");
            }

            await Task.Delay(20);
        }
    }
}
