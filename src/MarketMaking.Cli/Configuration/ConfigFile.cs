using System.Globalization;
using System.Reflection;
using System.Text;
using MarketMaking.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MarketMaking.Cli.Configuration;

/// <summary>
/// A YAML configuration file bound onto the toolkit's parameter records. Keys are the records'
/// property names in snake_case; a section is a nested record. Unknown keys, values of the wrong
/// type and values a record's validation refuses are reported as one line naming the file, the
/// line and the key.
/// </summary>
internal sealed class ConfigFile
{
    private readonly Dictionary<string, long> _lines = new(StringComparer.Ordinal);

    private ConfigFile(string path, YamlMappingNode root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }

    public YamlMappingNode Root { get; }

    public static ConfigFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidParameterException("config", $"file not found: {path}");
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ConfigurationException(path, e.Start.Line, "syntax", e.InnerException?.Message ?? e.Message);
        }

        if (stream.Documents.Count == 0)
        {
            return new ConfigFile(path, new YamlMappingNode());
        }

        return stream.Documents[0].RootNode is YamlMappingNode root
            ? new ConfigFile(path, root)
            : throw new ConfigurationException(path, stream.Documents[0].RootNode.Start.Line, "root", "expected key: value pairs");
    }

    /// <summary>
    /// A copy of <paramref name="defaults"/> with every key of <paramref name="node"/> (the whole
    /// file by default) set, then validated by <paramref name="validate"/>.
    /// </summary>
    public T Bind<T>(T defaults, Action<T> validate, YamlMappingNode? node = null, string prefix = "")
        where T : class
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(validate);
        var bound = (T)BindRecord(node ?? Root, defaults, prefix);
        try
        {
            validate(bound);
        }
        catch (InvalidParameterException e)
        {
            throw new ConfigurationException(Path, _lines.GetValueOrDefault(e.Parameter), e.Parameter, e.Message[(e.Message.IndexOf(':', StringComparison.Ordinal) + 2)..]);
        }

        return bound;
    }

    /// <summary>The mapping under <paramref name="key"/>, or null when the file has no such section.</summary>
    public YamlMappingNode? Section(string key) =>
        Root.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? node)
            ? node as YamlMappingNode ?? throw new ConfigurationException(Path, node.Start.Line, key, "expected a section of key: value pairs")
            : null;

    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private object BindRecord(YamlMappingNode node, object defaults, string prefix)
    {
        Type type = defaults.GetType();
        object copy = type.GetMethod("<Clone>$")?.Invoke(defaults, null) ?? throw new InvalidOperationException($"{type.Name} is not a record");
        PropertyInfo[] properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();
        foreach ((YamlNode keyNode, YamlNode valueNode) in node.Children)
        {
            string key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            string path = prefix + key;
            _lines[path] = keyNode.Start.Line;
            PropertyInfo property = properties.FirstOrDefault(p => string.Equals(p.Name, key.Replace("_", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
                ?? throw new ConfigurationException(Path, keyNode.Start.Line, path, $"unknown key; known: {string.Join(", ", properties.Select(p => SnakeCase(p.Name)))}");
            object? current = property.GetValue(copy);
            if (current is not null && IsRecord(property.PropertyType))
            {
                if (valueNode is not YamlMappingNode section)
                {
                    throw new ConfigurationException(Path, valueNode.Start.Line, path, "expected a section of key: value pairs");
                }

                property.SetValue(copy, BindRecord(section, current, path + "."));
                continue;
            }

            property.SetValue(copy, Convert(valueNode, property.PropertyType, path));
        }

        return copy;
    }

    private object? Convert(YamlNode node, Type type, string path)
    {
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsArray && node is YamlSequenceNode sequence)
        {
            Type element = target.GetElementType()!;
            var array = Array.CreateInstance(element, sequence.Children.Count);
            for (int i = 0; i < array.Length; i++)
            {
                array.SetValue(Convert(sequence.Children[i], element, $"{path}[{i}]"), i);
            }

            return array;
        }

        if (node is not YamlScalarNode scalar || scalar.Value is null)
        {
            throw new ConfigurationException(Path, node.Start.Line, path, $"expected {ValueKinds.Describe(target)}{(node is YamlSequenceNode ? ", got a list" : node is YamlMappingNode ? ", got a section" : string.Empty)}");
        }

        string text = scalar.Value;
        CultureInfo invariant = CultureInfo.InvariantCulture;
        object? value = target switch
        {
            _ when target == typeof(string) => text,
            _ when target == typeof(double) => double.TryParse(text, NumberStyles.Float, invariant, out double d) ? d : null,
            _ when target == typeof(int) => int.TryParse(text, NumberStyles.Integer, invariant, out int i) ? i : null,
            _ when target == typeof(long) => long.TryParse(text, NumberStyles.Integer, invariant, out long l) ? l : null,
            _ when target == typeof(ulong) => ulong.TryParse(text, NumberStyles.Integer, invariant, out ulong u) ? u : null,
            _ when target == typeof(bool) => bool.TryParse(text, out bool b) ? b : null,
            _ when target.IsEnum => Enum.TryParse(target, text.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out object? e) ? e : null,
            _ => throw new InvalidOperationException($"no conversion to {target.Name}"),
        };
        return value ?? throw new ConfigurationException(Path, node.Start.Line, path, ValueKinds.Problem(target, text));
    }

    private static bool IsRecord(Type type) => type.IsClass && type.GetMethod("<Clone>$") is not null;
}
