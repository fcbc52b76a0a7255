using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace MarketMaking.Cli.Configuration;

/// <summary>
/// What kind of value an option or a config key takes, in words ("a number", "a whole number",
/// "true or false", "a list"), so a value of the wrong kind is explained without .NET type names.
/// </summary>
internal static partial class ValueKinds
{
    /// <summary>The kind of value <paramref name="type"/> holds, in words.</summary>
    public static string Describe(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        return t switch
        {
            _ when t == typeof(double) || t == typeof(float) || t == typeof(decimal) => "a number",
            _ when t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort) || t == typeof(byte) => "a whole number, zero or more",
            _ when t == typeof(int) || t == typeof(long) || t == typeof(short) => "a whole number",
            _ when t == typeof(bool) => "true or false",
            _ when t.IsEnum => "one of " + string.Join(", ", Enum.GetNames(t).Select(ConfigFile.SnakeCase)),
            _ when t.IsArray => "a list",
            _ => "a value",
        };
    }

    /// <summary>
    /// Why <paramref name="text"/> is not a <paramref name="type"/>: "expected a whole number (digits,
    /// e.g. 1000000), got '1e15'", or, for a whole number too large, the range it must lie in.
    /// </summary>
    public static string Problem(Type type, string text)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        string kind = Describe(t);
        if (kind.StartsWith("a whole number", StringComparison.Ordinal))
        {
            if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) && Range(t) is { } range)
            {
                return $"expected a whole number from {range.Min} to {range.Max}, got '{text}'";
            }

            return $"expected {kind} (digits, e.g. 1000000), got '{text}'";
        }

        return $"expected {kind}, got '{text}'";
    }

    /// <summary>
    /// A parse error of the command line in words: "--steps: expected a whole number (digits, e.g.
    /// 1000000), got '1e15'" for a value of the wrong kind; other errors as the parser says them.
    /// </summary>
    public static string Explain(ParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        (Option? option, Type? type) = error.SymbolResult switch
        {
            OptionResult o => (o.Option, o.Option.ValueType),
            ArgumentResult { Parent: OptionResult o } a => (o.Option, a.Argument.ValueType),
            _ => (null, null),
        };
        Match match = CannotParse().Match(error.Message);
        return option is not null && type is not null && match.Success
            ? $"{option.Name}: {Problem(type, match.Groups[1].Value)}"
            : error.Message;
    }

    private static (string Min, string Max)? Range(Type t) => t switch
    {
        _ when t == typeof(int) => (int.MinValue.ToString("N0", CultureInfo.InvariantCulture), int.MaxValue.ToString("N0", CultureInfo.InvariantCulture)),
        _ when t == typeof(long) => (long.MinValue.ToString("N0", CultureInfo.InvariantCulture), long.MaxValue.ToString("N0", CultureInfo.InvariantCulture)),
        _ when t == typeof(uint) => ("0", uint.MaxValue.ToString("N0", CultureInfo.InvariantCulture)),
        _ when t == typeof(ulong) => ("0", ulong.MaxValue.ToString("N0", CultureInfo.InvariantCulture)),
        _ => null,
    };

    [GeneratedRegex("^Cannot parse argument '(.*)' for option '.*' as expected type", RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}
