namespace MarketMaking.Cli.Configuration;

/// <summary>
/// The file and folder arguments of a command line made absolute, so the command a run folder
/// records (<c>mm rerun</c>) reads and writes the same files from any working folder.
/// </summary>
internal static class PathArguments
{
    /// <summary>Options whose value is a file or folder.</summary>
    private static readonly HashSet<string> PathOptions = new(StringComparer.Ordinal)
    {
        "--data", "--out", "--results", "--best-config", "--guard-model", "--spread-model", "--policy", "--resume", "--curve", "--journal", "--credentials",
    };

    /// <summary>The arguments with every path option's value resolved against the working folder (a preset is a path when it names a .yaml file).</summary>
    public static string[] Resolve(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var resolved = new string[arguments.Count];
        for (int i = 0; i < arguments.Count; i++)
        {
            string token = arguments[i];
            int equals = token.IndexOf('=', StringComparison.Ordinal);
            if (token.StartsWith("--", StringComparison.Ordinal) && equals > 0 && IsPath(token[..equals], token[(equals + 1)..]))
            {
                resolved[i] = $"{token[..equals]}={Path.GetFullPath(token[(equals + 1)..])}";
            }
            else if (i > 0 && IsPath(arguments[i - 1], token))
            {
                resolved[i] = Path.GetFullPath(token);
            }
            else
            {
                resolved[i] = token;
            }
        }

        return resolved;
    }

    private static bool IsPath(string option, string value) =>
        value.Length > 0 && !value.StartsWith("--", StringComparison.Ordinal) &&
        (PathOptions.Contains(option) || (option == "--preset" && (value.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))));
}
