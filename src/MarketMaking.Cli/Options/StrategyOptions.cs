using System.CommandLine;
using MarketMaking.Cli.Configuration;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Quoting;
using MarketMaking.Research.Simulations;
using MarketMaking.Simulation.Model;
using MarketMaking.Strategies;

namespace MarketMaking.Cli.Options;

/// <summary>
/// Options that choose strategies and set their parameters. Model parameters a strategy shares
/// with the market (σ, A, κ, T, dt) come from the market, so the two always agree.
/// </summary>
internal sealed class StrategyOptions
{
    private readonly Option<string> _strategies;
    private readonly Option<double?> _gamma = new("--gamma") { Description = "risk aversion γ" };
    private readonly Option<int?> _maxInventory = new("--max-inventory", "--Q") { Description = "Q: largest inventory in order-size multiples (table models, fixed, adaptive)" };
    private readonly Option<double?> _orderSize = new("--order-size") { Description = "quantity of each quote" };
    private readonly Option<double?> _phi = new("--phi") { Description = "Cartea–Jaimungal running inventory penalty φ" };
    private readonly Option<double?> _terminalPenalty = new("--terminal-penalty") { Description = "Cartea–Jaimungal terminal penalty α" };
    private readonly Option<double?> _rollingHorizon = new("--rolling-horizon") { Description = "τ used at every decision by as-rolling" };
    private readonly Option<double?> _spreadBps = new("--spread-bps") { Description = "fixed: total spread in basis points of mid" };
    private readonly Option<double?> _skewFactor = new("--skew-factor") { Description = "fixed: centre shift at full inventory, in half-spreads" };
    private readonly Option<double?> _updateFreq = new("--update-freq") { Description = "time between requotes (0: every step)" };
    private readonly Option<double?> _baseSpread = new("--base-spread") { Description = "adaptive: base total spread (price units)" };
    private readonly Option<double?> _volatilityReference = new("--vol-ref") { Description = "adaptive: volatility at which the base spread applies" };
    private readonly Option<double?> _inventorySkew = new("--inventory-skew") { Description = "adaptive: centre shift per unit of inventory" };
    private readonly Option<double?> _skewAcceleration = new("--skew-accel") { Description = "adaptive: extra skew growth beyond 70% of max inventory" };
    private readonly Option<double?> _alphaSkew = new("--alpha-skew") { Description = "adaptive: centre shift per unit of alpha" };
    private readonly Option<double?> _minSpread = new("--min-spread") { Description = "adaptive: smallest total spread" };
    private readonly Option<string?> _spreadModel = new("--spread-model") { Description = "nn-spread: model file from 'mm train spread'" };
    private readonly Option<double?> _imbalanceSkew = new("--imbalance-skew") { Description = "adaptive: centre shift per unit of book imbalance (lob and replay markets)" };

    public StrategyOptions(string defaultStrategies)
    {
        _strategies = new Option<string>("--strategy")
        {
            Description = $"comma-separated strategies: {string.Join(", ", StrategyCatalog.Names)} (inventory = as); nn-spread (the learned spread, --spread-model); NAME+guard adds the adverse-selection guard",
            DefaultValueFactory = _ => defaultStrategies,
        };
    }

    public void AddTo(Command command, bool includeStrategyList = true)
    {
        if (includeStrategyList)
        {
            command.Options.Add(_strategies);
        }

        foreach (Option option in Settings)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The options that set strategies' parameters, each named as its config key with dashes (--spread-bps: spread_bps).</summary>
    private Option[] Settings =>
    [
        _gamma, _maxInventory, _orderSize, _phi, _terminalPenalty, _rollingHorizon, _spreadBps, _skewFactor, _updateFreq,
        _baseSpread, _volatilityReference, _inventorySkew, _skewAcceleration, _alphaSkew, _minSpread, _imbalanceSkew, _spreadModel,
    ];

    /// <summary>
    /// Refuses a parameter option given that no strategy of the run reads (<paramref name="read"/>:
    /// config keys, as <see cref="StrategyFactory.Parameters"/> gives them): silently ignored,
    /// mm evaluate --phi 5 printed the very table it printed without it.
    /// </summary>
    public void RefuseUnread(ParseResult parse, string run, IReadOnlyCollection<string> read)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(read);
        bool Read(Option option) => read.Contains(option.Name.TrimStart('-').Replace('-', '_'));
        if (Settings.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false } && !Read(o)) is { } ignored)
        {
            throw new InvalidParameterException(ignored.Name.TrimStart('-'), $"{run} does not read {ignored.Name}; of these options it reads {string.Join(", ", Settings.Where(Read).Select(o => o.Name))}");
        }
    }

    /// <summary>
    /// Refuses a parameter option that none of <paramref name="chosen"/> reads, nor the run itself
    /// (<paramref name="runReads"/>: update_freq on bars): silently ignored, mm backtest --strategy fixed
    /// --gamma 0.5 printed the run without it. --spread-model is nn-spread's.
    /// </summary>
    public void RefuseUnreadBy(ParseResult parse, IReadOnlyList<StrategyChoice> chosen, IReadOnlyCollection<string> runReads)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        HashSet<string> read = [.. chosen.SelectMany(s => StrategyFactory.Parameters(s.Name)), .. runReads];
        if (chosen.Any(s => s.Name == StrategyChoice.LearnedSpread))
        {
            read.Add("spread_model");
        }

        RefuseUnread(parse, $"--strategy {string.Join(',', chosen.Select(s => s.Label))}", read);
    }

    /// <summary>--gamma as given; null when not given.</summary>
    public double? Gamma(ParseResult parse) => parse.GetValue(_gamma);

    /// <summary>Builds strategies by name, nn-spread from --spread-model.</summary>
    public StrategyFactory Factory(ParseResult parse) => new(parse.GetValue(_spreadModel));

    /// <summary>The names given to --strategy as written, or <paramref name="fallback"/> when the option was not given.</summary>
    public IReadOnlyList<string> NamesOr(ParseResult parse, IReadOnlyList<string> fallback) =>
        parse.GetResult(_strategies) is { Implicit: false } ? OnceEach(parse, Labels(parse), label => label) : fallback;

    /// <summary>The strategies asked for ("NAME+guard" is NAME wearing the adverse-selection guard).</summary>
    public IReadOnlyList<StrategyChoice> Strategies(ParseResult parse)
    {
        StrategyChoice[] list = [.. Labels(parse).Select(StrategyChoice.Parse)];
        return list.Length > 0
            ? OnceEach(parse, list, s => (s.Name, s.Guarded)) // as,inventory is as twice; as,as+guard are two strategies
            : throw new InvalidParameterException("strategy", "name at least one strategy");
    }

    private string[] Labels(ParseResult parse) =>
        parse.GetValue(_strategies)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // A strategy named twice ran twice and printed a difference of 0.000 between its two rows.
    private T[] OnceEach<T, TKey>(ParseResult parse, T[] list, Func<T, TKey> same) =>
        list.DistinctBy(same).Count() == list.Length
            ? list
            : throw new InvalidParameterException("strategy", $"a strategy is named twice: {string.Join(", ", Labels(parse))}");

    /// <summary>The strategies asked for on a market without a book, where a guard or the learned spread would see nothing.</summary>
    public IReadOnlyList<StrategyChoice> WithoutBook(ParseResult parse, string market) =>
        [.. Strategies(parse).Select(s => s.Guarded || s.Name == StrategyChoice.LearnedSpread
            ? throw new InvalidParameterException("strategy", $"'{s.Label}' reads the order book, which {market} does not have (use --market lob or a book backtest)")
            : s)];

    /// <summary>
    /// The agent-based market of <paramref name="preset"/> with strategy settings calibrated on its
    /// own tape (<see cref="AgentMarketSetup.Calibrate"/>), then these options' settings on top.
    /// </summary>
    public AgentMarketSetup AgentMarket(ParseResult parse, string preset, ulong seed, double calibrateSeconds)
    {
        InvalidParameterException.RequirePositive("calibrate-seconds", calibrateSeconds);
        return AgentMarketSetup.Calibrate(AgentMarketPresets.MarketName(preset), AgentMarketPresets.Load(preset), seed, calibrateSeconds, s => Resolve(parse, s));
    }

    /// <summary>Settings for a strategy trading in <paramref name="market"/>.</summary>
    public StrategySettings Resolve(ParseResult parse, ModelMarketParameters market) =>
        Resolve(parse, new StrategySettings { Sigma = market.Sigma, A = market.A, Kappa = market.Kappa, Horizon = market.Horizon, TimeStep = market.TimeStep });

    /// <summary>
    /// Refuses --update-freq where decisions follow the book's updates (a replay, a trading session:
    /// at each update, at most every --requote-interval, at once after a fill), which never read it:
    /// silently ignored, it made runs that differ only in it look compared.
    /// </summary>
    public void RefuseUpdateFrequency(ParseResult parse, string run)
    {
        if (parse.GetValue(_updateFreq) is not null)
        {
            throw new InvalidParameterException("update-freq", $"{run} decides at each book update, at most every --requote-interval (at once after a fill): use --requote-interval; --update-freq is for bars (--bars) and model markets");
        }
    }

    public StrategySettings Resolve(ParseResult parse, StrategySettings baseline) => baseline with
    {
        Gamma = parse.GetValue(_gamma) ?? baseline.Gamma,
        MaxInventory = parse.GetValue(_maxInventory) ?? baseline.MaxInventory,
        OrderQuantity = parse.GetValue(_orderSize) ?? baseline.OrderQuantity,
        Phi = parse.GetValue(_phi) ?? baseline.Phi,
        TerminalPenalty = parse.GetValue(_terminalPenalty) ?? baseline.TerminalPenalty,
        RollingHorizon = parse.GetValue(_rollingHorizon) ?? baseline.RollingHorizon,
        SpreadBps = parse.GetValue(_spreadBps) ?? baseline.SpreadBps,
        SkewFactor = parse.GetValue(_skewFactor) ?? baseline.SkewFactor,
        UpdateInterval = parse.GetValue(_updateFreq) ?? baseline.UpdateInterval,
        BaseSpread = parse.GetValue(_baseSpread) ?? baseline.BaseSpread,
        VolatilityReference = parse.GetValue(_volatilityReference) ?? baseline.VolatilityReference,
        InventorySkew = parse.GetValue(_inventorySkew) ?? baseline.InventorySkew,
        SkewAcceleration = parse.GetValue(_skewAcceleration) ?? baseline.SkewAcceleration,
        AlphaSkew = parse.GetValue(_alphaSkew) ?? baseline.AlphaSkew,
        MinSpread = parse.GetValue(_minSpread) ?? baseline.MinSpread,
        ImbalanceSkew = parse.GetValue(_imbalanceSkew) ?? baseline.ImbalanceSkew,
    };
}
