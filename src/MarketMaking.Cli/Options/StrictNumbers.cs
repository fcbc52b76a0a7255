using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MarketMaking.Cli.Configuration;

namespace MarketMaking.Cli.Options;

/// <summary>
/// Decimal options read as written, in any culture: a point for decimals, no thousands separators
/// (the default parser reads "0,1" as 1, so --gamma 0,1 would silently mean γ = 1).
/// </summary>
internal static class StrictNumbers
{
    /// <summary>Gives every decimal option of <paramref name="command"/> and its subcommands the strict parser.</summary>
    public static void Apply(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option option in command.Options)
        {
            switch (option)
            {
                case Option<double> required:
                    required.CustomParser = result => Parse(result, option.Name) ?? 0;
                    break;
                case Option<double?> optional:
                    optional.CustomParser = result => Parse(result, option.Name);
                    break;
            }
        }

        foreach (Command subcommand in command.Subcommands)
        {
            Apply(subcommand);
        }
    }

    private static double? Parse(ArgumentResult result, string option)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return value;
        }

        result.AddError($"{option}: {ValueKinds.Problem(typeof(double), text)}");
        return null;
    }
}
