using System.CommandLine;
using MarketMaking.Core.Errors;
using MarketMaking.Simulation.Model;

namespace MarketMaking.Cli.Options;

/// <summary>Options that pick a model market and override any of its parameters.</summary>
internal sealed class MarketOptions
{
    private readonly Option<string> _model = new("--model") { Description = $"model market: {string.Join(", ", ModelMarketPresets.Names)}, or multi (several correlated assets: --assets, --correlation)", DefaultValueFactory = _ => "as" };
    private readonly Option<double?> _s0 = new("--s0") { Description = "initial mid price S0" };
    private readonly Option<double?> _horizon = new("--horizon") { Description = "horizon T" };
    private readonly Option<double?> _dt = new("--dt") { Description = "time step dt" };
    private readonly Option<double?> _sigma = new("--sigma") { Description = "mid volatility σ per √time" };
    private readonly Option<double?> _drift = new("--drift") { Description = "mid drift per time unit" };
    private readonly Option<string?> _shock = new("--shock") { Description = "mid shock: binomial (±σ√dt) or gaussian" };
    private readonly Option<double?> _a = new("--A") { Description = "arrival intensity A of λ(δ) = A·e^(−κδ)" };
    private readonly Option<double?> _kappa = new("--kappa") { Description = "decay κ of λ(δ) = A·e^(−κδ)" };
    private readonly Option<string?> _fillRule = new("--fill-rule") { Description = "fill probability per step: linear (λ·dt, the paper) or exact (1 − e^(−λ·dt))" };
    private readonly Option<string?> _arrivals = new("--arrivals") { Description = "market-order arrivals: poisson or hawkes" };
    private readonly Option<double?> _hawkesBranching = new("--hawkes-branching") { Description = "Hawkes branching ratio in [0, 1)" };
    private readonly Option<double?> _hawkesDecay = new("--hawkes-decay") { Description = "Hawkes kernel decay β" };
    private readonly Option<double?> _alphaReversion = new("--alpha-reversion") { Description = "mean reversion θ of the OU alpha signal" };
    private readonly Option<double?> _alphaVolatility = new("--alpha-volatility") { Description = "volatility of the OU alpha signal" };
    private readonly Option<double?> _jumpIntensity = new("--jump-intensity") { Description = "mid jumps per time unit" };
    private readonly Option<double?> _jumpStd = new("--jump-std") { Description = "standard deviation of a jump" };
    private readonly Option<double?> _adverseProbability = new("--adverse-probability") { Description = "probability the mid jumps against us after a fill" };
    private readonly Option<double?> _adverseSize = new("--adverse-size") { Description = "size of that jump" };
    private readonly Option<double?> _marketImpact = new("--market-impact") { Description = "permanent impact of the flow that fills us: the mid moves against us by this much per unit filled" };
    private readonly Option<double?> _makerFee = new("--maker-fee") { Description = "maker fee rate (negative: rebate), fraction of notional" };
    private readonly Option<double?> _lotSize = new("--lot-size") { Description = "quantity grid of the model instrument" };

    /// <summary>Every option of the model market, for a command to refuse where it reads none.</summary>
    public IReadOnlyList<Option> All =>
    [
        _model, _s0, _horizon, _dt, _sigma, _drift, _shock, _a, _kappa, _fillRule, _arrivals, _hawkesBranching, _hawkesDecay,
        _alphaReversion, _alphaVolatility, _jumpIntensity, _jumpStd, _adverseProbability, _adverseSize, _marketImpact, _makerFee, _lotSize,
    ];

    /// <summary>The options only the model market reads: all but those a replay reads too (<see cref="ReplayOverrides"/>).</summary>
    public IReadOnlyList<Option> ModelOnly => [.. All.Except([_makerFee, _lotSize, _sigma, _a, _kappa, _horizon])];

    public void AddTo(Command command)
    {
        foreach (Option option in All)
        {
            command.Options.Add(option);
        }
    }

    public string ModelName(ParseResult parse) => parse.GetValue(_model)!;

    /// <summary>The options a replay of recorded data reads too (<c>mm tune --market replay</c>), as given: null when not.</summary>
    public (double? MakerFee, double? LotSize, double? Sigma, double? A, double? Kappa, double? Horizon) ReplayOverrides(ParseResult parse) =>
        (parse.GetValue(_makerFee), parse.GetValue(_lotSize), parse.GetValue(_sigma), parse.GetValue(_a), parse.GetValue(_kappa), parse.GetValue(_horizon));

    public ModelMarketParameters Resolve(ParseResult parse) => Resolve(parse, parse.GetValue(_model)!);

    /// <summary>The preset <paramref name="preset"/> with the options given on the command line.</summary>
    public ModelMarketParameters Resolve(ParseResult parse, string preset)
    {
        ModelMarketParameters p = ModelMarketPresets.Get(preset);
        return (p with
        {
            InitialMid = parse.GetValue(_s0) ?? p.InitialMid,
            Horizon = parse.GetValue(_horizon) ?? p.Horizon,
            TimeStep = parse.GetValue(_dt) ?? p.TimeStep,
            Sigma = parse.GetValue(_sigma) ?? p.Sigma,
            Drift = parse.GetValue(_drift) ?? p.Drift,
            Shock = ParseEnum("shock", parse.GetValue(_shock), p.Shock),
            A = parse.GetValue(_a) ?? p.A,
            Kappa = parse.GetValue(_kappa) ?? p.Kappa,
            FillRule = ParseEnum("fill-rule", parse.GetValue(_fillRule), p.FillRule),
            Arrivals = ParseEnum("arrivals", parse.GetValue(_arrivals), p.Arrivals),
            HawkesBranchingRatio = parse.GetValue(_hawkesBranching) ?? p.HawkesBranchingRatio,
            HawkesDecay = parse.GetValue(_hawkesDecay) ?? p.HawkesDecay,
            AlphaReversion = parse.GetValue(_alphaReversion) ?? p.AlphaReversion,
            AlphaVolatility = parse.GetValue(_alphaVolatility) ?? p.AlphaVolatility,
            JumpIntensity = parse.GetValue(_jumpIntensity) ?? p.JumpIntensity,
            JumpStd = parse.GetValue(_jumpStd) ?? p.JumpStd,
            AdverseSelectionProbability = parse.GetValue(_adverseProbability) ?? p.AdverseSelectionProbability,
            AdverseSelectionSize = parse.GetValue(_adverseSize) ?? p.AdverseSelectionSize,
            MarketImpact = parse.GetValue(_marketImpact) ?? p.MarketImpact,
            MakerFeeRate = parse.GetValue(_makerFee) ?? p.MakerFeeRate,
            LotSize = parse.GetValue(_lotSize) ?? p.LotSize,
        }).Validate();
    }

    private static T ParseEnum<T>(string option, string? value, T fallback)
        where T : struct, Enum
    {
        if (value is null)
        {
            return fallback;
        }

        string normalized = value.Replace("-", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse(normalized, ignoreCase: true, out T parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidParameterException(option, $"unknown value '{value}'; known: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
    }
}
