using System.Text;
using MarketMaking.Core.Errors;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// An API key and its secret. The secret is kept as bytes for signing and never leaves this object:
/// there is no property that returns it, <see cref="ToString"/> shows the key only (shortened), and
/// a serializer sees <see cref="ApiKey"/> alone.
/// </summary>
public sealed class BybitCredentials
{
    /// <summary>The environment variable holding the API key.</summary>
    public const string KeyVariable = "BYBIT_API_KEY";

    /// <summary>The environment variable holding the API secret.</summary>
    public const string SecretVariable = "BYBIT_API_SECRET";

    private readonly byte[] _secret;

    public BybitCredentials(string apiKey, string apiSecret)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new InvalidParameterException("credentials", "the API key is empty");
        }

        if (string.IsNullOrWhiteSpace(apiSecret))
        {
            throw new InvalidParameterException("credentials", "the API secret is empty");
        }

        ApiKey = apiKey.Trim();
        _secret = Encoding.UTF8.GetBytes(apiSecret.Trim());
    }

    public string ApiKey { get; }

    /// <summary>The HMAC key, for <see cref="BybitSigner"/> only.</summary>
    internal ReadOnlySpan<byte> Secret => _secret;

    /// <summary>
    /// From <c>BYBIT_API_KEY</c> and <c>BYBIT_API_SECRET</c>, or null when neither is set; one set
    /// without the other is an <see cref="InvalidParameterException"/>.
    /// </summary>
    public static BybitCredentials? FromEnvironment(Func<string, string?>? variables = null)
    {
        variables ??= Environment.GetEnvironmentVariable;
        string? key = variables(KeyVariable);
        string? secret = variables(SecretVariable);
        if (string.IsNullOrWhiteSpace(key) && string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(secret))
        {
            throw new InvalidParameterException("credentials", $"set both {KeyVariable} and {SecretVariable} (only {(string.IsNullOrWhiteSpace(key) ? SecretVariable : KeyVariable)} is set)");
        }

        return new BybitCredentials(key, secret);
    }

    /// <summary>
    /// From a file of two lines, <c>api_key: KEY</c> and <c>api_secret: SECRET</c> (<c>=</c> works
    /// as well as <c>:</c>, and the environment variables' names as well as these; <c>#</c> starts
    /// a comment). On Unix the file must be readable by its owner only: a file that grants any
    /// permission to its group or to others is refused, naming the file, before it is read.
    /// </summary>
    public static BybitCredentials FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new InvalidParameterException("credentials", $"file not found: {path}");
        }

        if (!OperatingSystem.IsWindows())
        {
            UnixFileMode mode = File.GetUnixFileMode(path);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & others) != 0)
            {
                throw new ConfigurationException(path, 0, "permissions", $"the credentials file is open to its group or others (mode {Convert.ToString((int)mode, 8)}); make it readable by its owner only: chmod 600 {path}");
            }
        }

        string? key = null;
        string? secret = null;
        long line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            string content = text.Trim();
            if (content.Length == 0 || content[0] == '#')
            {
                continue;
            }

            int separator = content.IndexOfAny([':', '=']);
            string name = separator > 0 ? content[..separator].Trim() : content;
            string value = separator > 0 ? content[(separator + 1)..].Trim().Trim('"', '\'') : "";
            switch (name.ToUpperInvariant())
            {
                case "API_KEY" or KeyVariable:
                    key = value.Length > 0 ? value : throw new ConfigurationException(path, line, name, "the API key is empty");
                    break;
                case "API_SECRET" or SecretVariable:
                    secret = value.Length > 0 ? value : throw new ConfigurationException(path, line, name, "the API secret is empty");
                    break;
                default:
                    // Never echo the line: it may be a secret written without its name.
                    throw new ConfigurationException(path, line, separator > 0 ? name : "line", "expected api_key: KEY or api_secret: SECRET");
            }
        }

        return key is null ? throw new ConfigurationException(path, 0, "api_key", "missing")
            : secret is null ? throw new ConfigurationException(path, 0, "api_secret", "missing")
            : new BybitCredentials(key, secret);
    }

    /// <summary>The key's first four characters only; never the secret.</summary>
    public override string ToString() => $"BybitCredentials {{ ApiKey = {(ApiKey.Length > 4 ? ApiKey[..4] + "…" : "…")}, secret hidden }}";
}
