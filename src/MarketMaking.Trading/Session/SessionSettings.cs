using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Simulation.Engine;
using MarketMaking.Trading.Orders;

namespace MarketMaking.Trading.Session;

/// <summary>How a trading session runs: what it quotes, its limits, and how it reacts when the venue misbehaves.</summary>
public sealed record SessionSettings
{
    public required string Symbol { get; init; }

    /// <summary>The strategy's name, for the journal.</summary>
    public required string StrategyName { get; init; }

    /// <summary>Risk limits and quoting mechanics, the same record backtests take.</summary>
    public RunSettings Run { get; init; } = new();

    /// <summary>When set, the run settings for the instrument the venue trades (limits or tolerances given in ticks); else <see cref="Run"/>.</summary>
    public Func<Core.Instruments.Instrument, RunSettings>? RunFor { get; init; }

    /// <summary>The SQLite journal of the session; reused on a restart.</summary>
    public required string JournalPath { get; init; }

    /// <summary>Least time between decisions on the venue's clock; a fill triggers one at once (as in backtests).</summary>
    public TimeSpan RequoteInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Window of the realized volatility the strategy sees.</summary>
    public TimeSpan VolatilityWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The live market watched, not traded, to calibrate σ, A and κ (as a backtest's first
    /// <c>--calibrate</c> seconds); zero: none, the strategy quotes with the values given.
    /// </summary>
    public TimeSpan CalibrationWindow { get; init; }

    /// <summary>How long the session runs (wall clock); null: until stopped.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>No book update for this long (wall clock): cancel every order and wait for fresh data.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest difference between our clock and the venue's before the session stops (Bybit's receive window).</summary>
    public TimeSpan MaxClockDrift { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan ClockCheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>While the private stream is down, orders and executions are polled over REST this often.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A new order held back by a rate limit longer than this is dropped (the next decision quotes afresh).</summary>
    public TimeSpan StaleRequestAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the end of the session waits for the venue to confirm every cancel.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests per second allowed per endpoint, below the venue's own limits.</summary>
    public IReadOnlyDictionary<VenueEndpoint, int> RateLimits { get; init; } = DefaultRateLimits;

    /// <summary>Take orders found resting on the venue that this session did not place (else they are cancelled).</summary>
    public bool AdoptOrders { get; init; }

    /// <summary>Start from the venue's position when it differs from the journal's (else the start stops).</summary>
    public bool AdoptPosition { get; init; }

    /// <summary>On a kill, close the position with a reduce-only market order.</summary>
    public bool FlattenOnKill { get; init; }

    /// <summary>Keep the processors the process runs on out of their idle state while the session runs (<see cref="IdleSpinner"/>): Linux only.</summary>
    public bool KeepCoreAwake { get; init; }

    /// <summary>The instrument's seat in a multi-instrument run's portfolio limits (none when null): its gate refuses orders that would break them.</summary>
    public Portfolio.PortfolioSeat? Portfolio { get; init; }

    /// <summary>Bybit's limits for linear contracts are 10 requests a second per order endpoint (docs/v5/rate-limit); 8 leaves room.</summary>
    public static IReadOnlyDictionary<VenueEndpoint, int> DefaultRateLimits { get; } = new Dictionary<VenueEndpoint, int>
    {
        [VenueEndpoint.Create] = 8,
        [VenueEndpoint.Amend] = 8,
        [VenueEndpoint.Cancel] = 8,
        [VenueEndpoint.CancelAll] = 5,
        [VenueEndpoint.Query] = 20,
    };

    public SessionSettings Validate()
    {
        if (string.IsNullOrWhiteSpace(Symbol))
        {
            throw new InvalidParameterException("symbol", "name the symbol to trade");
        }

        RequirePositive("requote_interval", RequoteInterval, allowZero: true);
        RequirePositive("calibrate", CalibrationWindow, allowZero: true);
        RequirePositive("volatility_window", VolatilityWindow);
        RequirePositive("stale_after", StaleAfter);
        RequirePositive("max_clock_drift", MaxClockDrift);
        RequirePositive("clock_check_interval", ClockCheckInterval);
        RequirePositive("poll_interval", PollInterval);
        RequirePositive("stale_request_after", StaleRequestAfter);
        RequirePositive("shutdown_timeout", ShutdownTimeout);
        if (Duration is { } duration)
        {
            RequirePositive("duration", duration);
            if (CalibrationWindow > TimeSpan.Zero && duration <= CalibrationWindow)
            {
                // The window starts at the first market message, after the start's reconciliation: such a session never quotes.
                throw new InvalidParameterException("duration", $"{TimeText.Duration(duration)} ends the session before its calibration (the first {TimeText.Duration(CalibrationWindow)} of market data) is over, so nothing would be quoted: give a longer --duration, a shorter --calibrate, or the parameters themselves");
            }
        }

        if (KeepCoreAwake)
        {
            IdleSpinner.RequireSupported();
        }

        _ = new RateLimiter(RateLimits);
        Run.Validate();
        return this;
    }

    private static void RequirePositive(string name, TimeSpan value, bool allowZero = false)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            throw new InvalidParameterException(name, $"must be {(allowZero ? "zero or " : "")}positive, got {value.TotalSeconds:G} s");
        }
    }
}
