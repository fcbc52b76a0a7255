using MarketMaking.Core.Errors;
using MarketMaking.Simulation.Agents;

namespace MarketMaking.Cli.Configuration;

/// <summary>Agent-based market presets: configs/markets/NAME.yaml next to the tool, or any YAML file by path.</summary>
internal static class AgentMarketPresets
{
    public static string Folder => System.IO.Path.Combine(AppContext.BaseDirectory, "configs", "markets");

    public static IReadOnlyList<string> Names =>
        Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.yaml").Select(f => System.IO.Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>Loads a preset by name (liquid, thin, toxic) or a market file by path.</summary>
    public static AgentMarketParameters Load(string nameOrPath)
    {
        string path = File.Exists(nameOrPath) ? nameOrPath : System.IO.Path.Combine(Folder, nameOrPath + ".yaml");
        if (!File.Exists(path))
        {
            throw new InvalidParameterException("preset", $"unknown preset '{nameOrPath}'; known: {string.Join(", ", Names)} (or a path to a market .yaml file)");
        }

        return ConfigFile.Load(path).Bind(new AgentMarketParameters(), p => p.Validate());
    }

    /// <summary>The market's name in reports: lob/ and the preset's name (a file's name without its extension).</summary>
    public static string MarketName(string nameOrPath) => $"lob/{System.IO.Path.GetFileNameWithoutExtension(nameOrPath)}";
}
