using System.CommandLine;
using System.CommandLine.Parsing;
using MarketMaking.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace MarketMaking.Cli.Configuration;

/// <summary>
/// <c>--config FILE.yaml</c> for every command: the file's keys (grouped in any sections, e.g.
/// <c>market_maker</c>, <c>strategy</c>, <c>risk</c>, <c>costs</c>) name the command's options in
/// snake_case (<c>max_position</c> → <c>--max-position</c>); options given on the command line win.
/// A key the command does not take, or a value its option refuses, is one line naming the file,
/// the line and the key.
/// </summary>
internal static class CommandConfig
{
    /// <summary>Keys whose option has another name (the config vocabulary of the design notes).</summary>
    private static readonly Dictionary<string, (string Option, string Suffix)> Aliases = new(StringComparer.Ordinal)
    {
        ["risk_aversion"] = ("--gamma", string.Empty),
        ["update_frequency"] = ("--update-freq", string.Empty),
        ["latency_ms"] = ("--latency", "ms"),
        ["strategy.name"] = ("--strategy", string.Empty),
        ["agent.name"] = ("--agent", string.Empty),
        ["agent.gamma"] = ("--discount", string.Empty),
        ["agent.update_frequency"] = ("--update-frequency", string.Empty),
        ["market.kind"] = ("--market", string.Empty),
    };

    /// <summary>The settings of a file, flattened in file order.</summary>
    public static IReadOnlyList<ConfigEntry> Read(string path)
    {
        ConfigFile file = ConfigFile.Load(path);
        var entries = new List<ConfigEntry>();
        Flatten(file, file.Root, string.Empty, entries);
        return entries;
    }

    /// <summary>
    /// The arguments with the file's settings added for every option the command line leaves
    /// unset. <paramref name="parse"/> is the command line parsed without them.
    /// </summary>
    public static (string[] Arguments, IReadOnlyList<ConfigEntry> Applied) Apply(string path, ParseResult parse, string[] arguments)
    {
        Command command = parse.CommandResult.Command;
        var options = new Dictionary<string, Option>(StringComparer.Ordinal);
        foreach (Option option in command.Options.Concat(command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive))))
        {
            options[option.Name] = option;
            foreach (string alias in option.Aliases)
            {
                options[alias] = option;
            }
        }

        var added = new List<string>();
        var applied = new List<ConfigEntry>();
        foreach (ConfigEntry entry in Read(path))
        {
            if (!options.TryGetValue(entry.Option, out Option? option) || option.Name == "--config")
            {
                throw new ConfigurationException(path, entry.Line, entry.Key, $"'{CommandPath(command)}' takes no {entry.Option}");
            }

            if (parse.GetResult(option) is { Implicit: false })
            {
                continue; // the command line says otherwise
            }

            if (entry.IsList && option.ValueType != typeof(string) && option.ValueType != typeof(string[]) && !option.ValueType.IsArray)
            {
                throw new ConfigurationException(path, entry.Line, entry.Key, $"expected {ValueKinds.Describe(option.ValueType)}, got a list");
            }

            if (option is Option<bool>)
            {
                if (entry.Value is "true" or "false")
                {
                    if (entry.Value == "true")
                    {
                        added.Add(option.Name);
                    }
                }
                else
                {
                    throw new ConfigurationException(path, entry.Line, entry.Key, ValueKinds.Problem(typeof(bool), entry.Value));
                }
            }
            else
            {
                added.Add(option.Name);
                added.Add(entry.Value);
            }

            applied.Add(entry with { Option = option.Name });
        }

        return ([.. arguments, .. added], applied);
    }

    /// <summary>The config entry behind a parse error of the combined arguments, if any.</summary>
    public static ConfigurationException? Explain(string path, ParseResult parse, IReadOnlyList<ConfigEntry> applied)
    {
        foreach (ParseError error in parse.Errors)
        {
            Option? option = error.SymbolResult switch
            {
                OptionResult o => o.Option,
                ArgumentResult { Parent: OptionResult o } => o.Option,
                _ => null,
            };
            if (option is not null)
            {
                ConfigEntry? entry = applied.FirstOrDefault(a => a.Option == option.Name);
                if (entry is not null)
                {
                    string explained = ValueKinds.Explain(error);
                    return new ConfigurationException(path, entry.Line, entry.Key, explained.StartsWith(option.Name + ": ", StringComparison.Ordinal) ? explained[(option.Name.Length + 2)..] : $"'{entry.Value}': {explained}");
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A value the command refused (out of range) that came from the file, as an error naming the
    /// file, the line and the key; null when the value came from the command line.
    /// </summary>
    public static ConfigurationException? Locate(string path, InvalidParameterException error, IReadOnlyList<ConfigEntry> applied)
    {
        ArgumentNullException.ThrowIfNull(error);
        string option = "--" + error.Parameter.Replace('_', '-');
        ConfigEntry? entry = applied.FirstOrDefault(a => a.Option == option);
        if (entry is null)
        {
            return null;
        }

        int colon = error.Message.IndexOf(": ", StringComparison.Ordinal);
        return new ConfigurationException(path, entry.Line, entry.Key, colon >= 0 ? error.Message[(colon + 2)..] : error.Message);
    }

    private static void Flatten(ConfigFile file, YamlMappingNode node, string section, List<ConfigEntry> entries)
    {
        foreach ((YamlNode keyNode, YamlNode valueNode) in node.Children)
        {
            string key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            string path = section.Length == 0 ? key : $"{section}.{key}";
            switch (valueNode)
            {
                case YamlMappingNode child:
                    Flatten(file, child, path, entries);
                    break;
                case YamlSequenceNode list:
                    entries.Add(Entry(path, key, string.Join(',', list.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw new ConfigurationException(file.Path, c.Start.Line, path, "expected a list of values"))), keyNode.Start.Line) with { IsList = true });
                    break;
                case YamlScalarNode scalar:
                    entries.Add(Entry(path, key, scalar.Value ?? string.Empty, keyNode.Start.Line));
                    break;
            }
        }
    }

    private static ConfigEntry Entry(string path, string key, string value, long line)
    {
        (string option, string suffix) = Aliases.TryGetValue(path, out var byPath) ? byPath
            : Aliases.TryGetValue(key, out var byKey) ? byKey
            : ("--" + key.Replace('_', '-'), string.Empty);
        return new ConfigEntry(path, option, value + suffix, line);
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? node = command; node is Command c; node = c.Parents.FirstOrDefault())
        {
            names.Insert(0, c is RootCommand ? "mm" : c.Name);
        }

        return string.Join(' ', names);
    }
}
