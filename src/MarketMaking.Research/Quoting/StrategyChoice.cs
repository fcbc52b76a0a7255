using MarketMaking.Core.Errors;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Quoting;

/// <summary>
/// A strategy as a user names it: a catalog name (<see cref="StrategyCatalog"/>), an alias
/// ("inventory", the paper's name for Avellaneda–Stoikov), the learned spread (nn-spread), and
/// "NAME+guard" for NAME wearing the adverse-selection guard.
/// </summary>
/// <param name="Label">The name as given, e.g. as+guard: it labels the strategy's results.</param>
/// <param name="Name">The catalog name, aliases resolved.</param>
/// <param name="Guarded">Whether the strategy wears the guard.</param>
public sealed record StrategyChoice(string Label, string Name, bool Guarded)
{
    /// <summary>The suffix that adds the guard.</summary>
    public const string GuardSuffix = "+guard";

    /// <summary>The strategy that quotes the neural spread predictor's spread (needs a model file).</summary>
    public const string LearnedSpread = "nn-spread";

    // The paper calls Avellaneda–Stoikov's quotes "the inventory strategy".
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal) { ["inventory"] = "as" };

    /// <summary>A strategy label: NAME or NAME+guard.</summary>
    /// <exception cref="InvalidParameterException">The name is unknown.</exception>
    public static StrategyChoice Parse(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        bool guarded = label.EndsWith(GuardSuffix, StringComparison.Ordinal);
        return new StrategyChoice(label, CatalogName(guarded ? label[..^GuardSuffix.Length] : label), guarded);
    }

    /// <summary>The catalog name of a strategy name (aliases resolved); unknown names are refused.</summary>
    /// <exception cref="InvalidParameterException">The name is unknown.</exception>
    public static string CatalogName(string raw)
    {
        string name = Aliases.GetValueOrDefault(raw, raw);
        return StrategyCatalog.Names.Contains(name) || name == LearnedSpread
            ? name
            : throw new InvalidParameterException("strategy", $"unknown strategy '{raw}'; known: {string.Join(", ", StrategyCatalog.Names)}, {LearnedSpread}, inventory");
    }
}
