using System.CommandLine;
using MarketMaking.Core.Risk;
using MarketMaking.Research;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Session;

namespace MarketMaking.Cli.Options;

/// <summary>
/// The runtime risk and pacing of <c>mm trade</c>: the risk gate's limits (the same record
/// backtests take) and the live-only checks (stale data, clock drift), request pacing and timeouts.
/// </summary>
internal sealed class TradeRiskOptions
{
    private readonly Option<double?> _maxPosition = new("--max-position") { Description = "largest absolute position (instrument units), counting open orders as filled" };
    private readonly Option<double?> _maxOrderSize = new("--max-order-size") { Description = "largest quantity of one order" };
    private readonly Option<double?> _maxOrderNotional = new("--max-order-notional") { Description = "largest price × quantity of one order (quote currency)" };
    private readonly Option<double?> _priceBand = new("--price-band") { Description = "largest distance of an order from the mid, fraction of the mid (0.01 = 1%)" };
    private readonly Option<double?> _maxOpenOrders = new("--max-open-orders") { Description = "most orders open at once" };
    private readonly Option<double?> _maxOrderRate = new("--max-order-rate") { Description = "most new orders in any second" };
    private readonly Option<double?> _maxLoss = new("--max-loss") { Description = "kill switch: cancel everything and stop once the session's net PnL falls below −this" };
    private readonly Option<string> _staleAfter = new("--stale-after") { Description = "no book update for this long: cancel every order until fresh data", DefaultValueFactory = _ => "5s" };
    private readonly Option<string> _maxClockDrift = new("--max-clock-drift") { Description = "largest drift of our clock against the venue's before stopping (the receive window)", DefaultValueFactory = _ => "5s" };
    private readonly Option<string> _requote = new("--requote-interval") { Description = "least time between decisions on the venue's clock (a fill triggers one at once)", DefaultValueFactory = _ => "100ms" };
    private readonly Option<int> _rateLimit = new("--rate-limit") { Description = "requests per second per order endpoint (create, amend, cancel), below the venue's 10", DefaultValueFactory = _ => 8 };
    private readonly Option<string> _requestTimeout = new("--request-timeout") { Description = "an order request unanswered this long is unknown until reconciled", DefaultValueFactory = _ => "5s" };
    private readonly Option<string> _shutdownTimeout = new("--shutdown-timeout") { Description = "how long the end waits for every cancel to be confirmed", DefaultValueFactory = _ => "10s" };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _maxPosition, _maxOrderSize, _maxOrderNotional, _priceBand, _maxOpenOrders, _maxOrderRate, _maxLoss, _staleAfter, _maxClockDrift, _requote, _rateLimit, _requestTimeout, _shutdownTimeout })
        {
            command.Options.Add(option);
        }
    }

    public RiskLimits Limits(ParseResult parse) => new RiskLimits
    {
        MaxPosition = parse.GetValue(_maxPosition) ?? double.PositiveInfinity,
        MaxOrderQuantity = parse.GetValue(_maxOrderSize) ?? double.PositiveInfinity,
        MaxOrderNotional = parse.GetValue(_maxOrderNotional) ?? double.PositiveInfinity,
        PriceBand = parse.GetValue(_priceBand) ?? double.PositiveInfinity,
        MaxOpenOrders = parse.GetValue(_maxOpenOrders) ?? double.PositiveInfinity,
        MaxOrderRate = parse.GetValue(_maxOrderRate) ?? double.PositiveInfinity,
        MaxLoss = parse.GetValue(_maxLoss) ?? double.PositiveInfinity,
    }.Validate();

    public TimeSpan RequestTimeout(ParseResult parse) => Durations.Parse("request-timeout", parse.GetValue(_requestTimeout)!);

    /// <summary>The session's settings with these limits and timings applied.</summary>
    public SessionSettings Apply(ParseResult parse, SessionSettings settings)
    {
        int perSecond = parse.GetValue(_rateLimit);
        return settings with
        {
            StaleAfter = Durations.Parse("stale-after", parse.GetValue(_staleAfter)!),
            MaxClockDrift = Durations.Parse("max-clock-drift", parse.GetValue(_maxClockDrift)!),
            RequoteInterval = Durations.Parse("requote-interval", parse.GetValue(_requote)!, allowZero: true),
            ShutdownTimeout = Durations.Parse("shutdown-timeout", parse.GetValue(_shutdownTimeout)!),
            RateLimits = new Dictionary<VenueEndpoint, int>
            {
                [VenueEndpoint.Create] = perSecond,
                [VenueEndpoint.Amend] = perSecond,
                [VenueEndpoint.Cancel] = perSecond,
                [VenueEndpoint.CancelAll] = Math.Max(1, perSecond / 2),
                [VenueEndpoint.Query] = 20,
            },
        };
    }
}
