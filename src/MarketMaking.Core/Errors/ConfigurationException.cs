namespace MarketMaking.Core.Errors;

/// <summary>A bad value in a configuration file: names the file, the line and the key.</summary>
public sealed class ConfigurationException : MarketMakingException
{
    public ConfigurationException(string file, long line, string key, string problem)
        : base(line > 0 ? $"{file}:{line}: {key}: {problem}" : $"{file}: {key}: {problem}")
    {
        File = file;
        Line = line;
        Key = key;
    }

    public string File { get; }

    public long Line { get; }

    public string Key { get; }

    public override int ExitCode => 2;
}
