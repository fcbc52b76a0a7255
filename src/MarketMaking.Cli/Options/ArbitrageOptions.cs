using System.CommandLine;
using System.Globalization;
using MarketMaking.Core.Errors;

namespace MarketMaking.Cli.Options;

/// <summary>The options of a cross-venue arbitrage scan (<c>mm backtest --data F1 --data F2 … --arbitrage</c>).</summary>
internal sealed class ArbitrageOptions
{
    private readonly Option<bool> _arbitrage = new("--arbitrage") { Description = "with two or more --data files of one asset: report every time one venue's bid is above another's ask after both taker fees" };
    private readonly Option<bool> _take = new("--take-arbitrage") { Description = "also take each such episode as it opens: a taker sell and a taker buy, each with --latency (implies --arbitrage)" };
    private readonly Option<double?> _size = new("--arbitrage-size") { Description = "most coins a take asks for (default: all the size available after fees)" };
    private readonly Option<string?> _fees = new("--venue-taker-fee") { Description = "taker fee rate of each --data file for the scan, comma-separated, or one for all (default: --taker-fee, else the data's)" };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _arbitrage, _take, _size, _fees })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether to scan.</summary>
    public bool Scan(ParseResult parse) => parse.GetValue(_arbitrage) || parse.GetValue(_take);

    /// <summary>The most coins a take asks for; null without --take-arbitrage.</summary>
    public double? TakeSize(ParseResult parse)
    {
        if (!parse.GetValue(_take))
        {
            return parse.GetValue(_size) is null ? null : throw new InvalidParameterException("arbitrage-size", "only with --take-arbitrage");
        }

        return parse.GetValue(_size) is { } size ? InvalidParameterException.RequirePositive("arbitrage-size", size) : double.PositiveInfinity;
    }

    /// <summary>Refuses --venue-taker-fee where nothing scans (no --arbitrage or --take-arbitrage): the run would ignore it.</summary>
    public void RefuseUnread(ParseResult parse)
    {
        if (!Scan(parse) && parse.GetValue(_fees) is not null)
        {
            throw new InvalidParameterException("venue-taker-fee", "is read by the arbitrage scan only (--arbitrage or --take-arbitrage); a hedge's taker fee is --hedge-taker-fee");
        }
    }

    /// <summary>One taker fee per file: --venue-taker-fee, else <paramref name="takerFee"/> for every file (null: the data's).</summary>
    public IReadOnlyList<double?> Fees(ParseResult parse, int files, double? takerFee)
    {
        if (parse.GetValue(_fees) is not { } text)
        {
            return [.. Enumerable.Repeat(takerFee, files)];
        }

        double?[] fees = [.. text.Split(',', StringSplitOptions.TrimEntries).Select(f => (double?)Parse(f))];
        return fees.Length == files ? fees
            : fees.Length == 1 ? [.. Enumerable.Repeat(fees[0], files)]
            : throw new InvalidParameterException("venue-taker-fee", $"give one fee for every file or one per --data ({files} files, {fees.Length} fees)");
    }

    private static double Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double fee) && fee >= 0 && fee < 1
            ? fee
            : throw new InvalidParameterException("venue-taker-fee", $"expected a fee rate in [0, 1), got '{text}'");
}
