using System.CommandLine;
using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Quoting;
using MarketMaking.Strategies;

namespace MarketMaking.Cli.Options;

/// <summary>
/// Options of the quoting mechanics every strategy can wear (extra quote levels, inventory-shaped
/// sizes, an order refresh tolerance and a maximum order age), translated into <see cref="QuotingMechanics"/>.
/// </summary>
internal sealed class QuotingMechanicsOptions
{
    private readonly Option<string?> _levels = new("--levels") { Description = "extra levels beyond the best quote, OFFSET_TICKS:SIZE_FACTOR,… (e.g. 2:2,5:3)" };
    private readonly Option<double> _sizeSkew = new("--size-skew") { Description = "η: bid sizes × e^(−η·q), ask sizes × e^(+η·q), q in order sizes", DefaultValueFactory = _ => 0 };
    private readonly Option<double> _refreshTolerance = new("--refresh-tolerance") { Description = "ticks a live order may be off the wanted price and still stay (keeps queue place)", DefaultValueFactory = _ => 0 };
    private readonly Option<double?> _maxOrderAge = new("--max-order-age") { Description = "seconds after which an order is cancelled and sent again" };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _levels, _sizeSkew, _refreshTolerance, _maxOrderAge })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The mechanics the options describe.</summary>
    public QuotingMechanics Mechanics(ParseResult parse) => new()
    {
        Levels = Levels(parse.GetValue(_levels)),
        SizeSkew = parse.GetValue(_sizeSkew),
        RefreshToleranceTicks = parse.GetValue(_refreshTolerance),
        MaxOrderAge = parse.GetValue(_maxOrderAge),
    };

    /// <summary>Refuses any mechanics option on a market that cannot honour it, rather than ignoring it.</summary>
    public void RefuseOn(ParseResult parse, string market)
    {
        foreach (Option option in new Option[] { _levels, _sizeSkew, _refreshTolerance, _maxOrderAge })
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                throw new InvalidParameterException(option.Name.TrimStart('-'), $"{market} quotes one order per side at the price asked for; use it with --market lob or mm backtest");
            }
        }
    }

    private static List<QuoteLevelSpec> Levels(string? text)
    {
        var levels = new List<QuoteLevelSpec>();
        foreach (string item in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = item.Split(':');
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double offset)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double size))
            {
                throw new InvalidParameterException("levels", $"'{item}': expected OFFSET_TICKS:SIZE_FACTOR");
            }

            levels.Add(new QuoteLevelSpec(offset, size));
        }

        return levels;
    }
}
