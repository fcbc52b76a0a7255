using System.CommandLine;
using MarketMaking.Core.Risk;

namespace MarketMaking.Cli.Options;

/// <summary>The portfolio limits of <c>mm trade</c> with several symbols, in the quote currency (USDT), each off unless given.</summary>
internal sealed class PortfolioRiskOptions
{
    private readonly Option<double?> _maxExposure = new("--max-exposure") { Description = "several symbols: largest |position × mid| of each instrument (USDT), open orders counted as filled" };
    private readonly Option<double?> _maxNetExposure = new("--max-net-exposure") { Description = "several symbols: largest |Σ position × mid| over the instruments (USDT)" };
    private readonly Option<double?> _maxGrossNotional = new("--max-gross-notional") { Description = "several symbols: largest Σ |position × mid| over the instruments (USDT)" };

    public void AddTo(Command command)
    {
        command.Options.Add(_maxExposure);
        command.Options.Add(_maxNetExposure);
        command.Options.Add(_maxGrossNotional);
    }

    /// <summary>Whether any of them was given (they need several symbols).</summary>
    public bool Given(ParseResult parse) => parse.GetValue(_maxExposure) is not null || parse.GetValue(_maxNetExposure) is not null || parse.GetValue(_maxGrossNotional) is not null;

    public PortfolioRiskLimits Limits(ParseResult parse, int instruments) => new PortfolioRiskLimits
    {
        Instruments = [.. Enumerable.Repeat(new InstrumentExposureLimit(parse.GetValue(_maxExposure) ?? double.PositiveInfinity), instruments)],
        MaxNetExposure = parse.GetValue(_maxNetExposure) ?? double.PositiveInfinity,
        MaxGrossNotional = parse.GetValue(_maxGrossNotional) ?? double.PositiveInfinity,
    }.Validate();
}
