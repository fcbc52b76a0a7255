using System.CommandLine;
using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Risk;
using MarketMaking.Research;

namespace MarketMaking.Cli.Options;

/// <summary>
/// Portfolio limits in the quote currency, each off unless given: <c>mm trade</c> with several
/// symbols and the hedged <c>mm backtest</c> (quoted, then hedge). Dynamic: with
/// <c>--volatility-reference</c> each limit is base × min(1, σ_ref/σ_t), σ_t an EWMA of the
/// instrument's log returns with half-life <c>--volatility-half-life</c>.
/// </summary>
internal sealed class PortfolioRiskOptions
{
    private readonly Option<double?> _maxExposure = new("--max-exposure") { Description = "several instruments: largest |position × mid| of each instrument (quote currency), open orders counted as filled" };
    private readonly Option<double?> _maxNetExposure = new("--max-net-exposure") { Description = "several instruments: largest |Σ position × mid| over the instruments (quote currency)" };
    private readonly Option<double?> _maxGrossNotional = new("--max-gross-notional") { Description = "several instruments: largest Σ |position × mid| over the instruments (quote currency)" };
    private readonly Option<string?> _reference = new("--volatility-reference") { Description = "σ_ref of each instrument (log returns per √s), comma-separated or one for all: above it the limits shrink by σ_ref/σ_t" };
    private readonly Option<string> _halfLife = new("--volatility-half-life") { Description = "half-life of σ_t, the EWMA volatility of each instrument's log returns", DefaultValueFactory = _ => "60s" };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _maxExposure, _maxNetExposure, _maxGrossNotional, _reference, _halfLife })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether any limit was given (they need several instruments).</summary>
    public bool Given(ParseResult parse) => parse.GetValue(_maxExposure) is not null || parse.GetValue(_maxNetExposure) is not null || parse.GetValue(_maxGrossNotional) is not null;

    public PortfolioRiskLimits Limits(ParseResult parse, int instruments)
    {
        double[] references = References(parse, instruments);
        return new PortfolioRiskLimits
        {
            Instruments = [.. references.Select(r => new InstrumentExposureLimit(parse.GetValue(_maxExposure) ?? double.PositiveInfinity, r))],
            MaxNetExposure = parse.GetValue(_maxNetExposure) ?? double.PositiveInfinity,
            MaxGrossNotional = parse.GetValue(_maxGrossNotional) ?? double.PositiveInfinity,
            VolatilityHalfLife = Durations.Parse("volatility-half-life", parse.GetValue(_halfLife)!),
        }.Validate();
    }

    private double[] References(ParseResult parse, int instruments)
    {
        if (parse.GetValue(_reference) is not { } text)
        {
            return [.. Enumerable.Repeat(double.PositiveInfinity, instruments)];
        }

        double[] given = [.. text.Split(',', StringSplitOptions.TrimEntries).Select(r =>
            double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0
                ? value
                : throw new InvalidParameterException("volatility-reference", $"expected a positive volatility, got '{r}'"))];
        return given.Length == instruments ? given
            : given.Length == 1 ? [.. Enumerable.Repeat(given[0], instruments)]
            : throw new InvalidParameterException("volatility-reference", $"give one for every instrument or one for all ({instruments} instruments, {given.Length} given)");
    }
}
