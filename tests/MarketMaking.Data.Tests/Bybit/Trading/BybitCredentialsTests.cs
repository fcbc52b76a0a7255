using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Data.Tests.Bybit.Trading;

public sealed class BybitCredentialsTests : IDisposable
{
    private const string Secret = "s3cr3t-never-shown-0123456789";
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-credentials-").FullName;

    [Fact]
    public void OwnerOnlyFileIsRead()
    {
        string file = Write("api_key: KEY123\n# a comment\napi_secret: " + Secret + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        BybitCredentials credentials = BybitCredentials.FromFile(file);

        Assert.Equal("KEY123", credentials.ApiKey);
        Assert.Equal(BybitSigner.SignRequest(new BybitCredentials("KEY123", Secret), 1, 5000, "x"u8), BybitSigner.SignRequest(credentials, 1, 5000, "x"u8));
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.GroupRead, "440")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherWrite, "402")]
    public void FileOpenToGroupOrOthersIsRefusedNamingIt(UnixFileMode mode, string octal)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix modes
        }

        string file = Write("api_key: KEY\napi_secret: " + Secret + "\n", mode);

        var error = Assert.Throws<ConfigurationException>(() => BybitCredentials.FromFile(file));

        Assert.StartsWith($"{file}: permissions: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"mode {octal}", error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public void EnvironmentVariableNamesAndEqualsSignsWorkInTheFile()
    {
        string file = Write("BYBIT_API_KEY = \"K\"\nBYBIT_API_SECRET=" + Secret + "\n", UnixFileMode.UserRead);

        Assert.Equal("K", BybitCredentials.FromFile(file).ApiKey);
    }

    [Fact]
    public void AnUnnamedLineIsRefusedWithoutEchoingIt()
    {
        string file = Write("api_key: K\n" + Secret + "\n", UnixFileMode.UserRead);

        var error = Assert.Throws<ConfigurationException>(() => BybitCredentials.FromFile(file));

        Assert.StartsWith($"{file}:2: line: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingSecretIsNamed()
    {
        string file = Write("api_key: K\n", UnixFileMode.UserRead);

        Assert.Equal($"{file}: api_secret: missing", Assert.Throws<ConfigurationException>(() => BybitCredentials.FromFile(file)).Message);
    }

    [Fact]
    public void EnvironmentNeedsBothVariables()
    {
        Assert.Null(BybitCredentials.FromEnvironment(_ => null));
        Assert.Equal("K", BybitCredentials.FromEnvironment(name => name == BybitCredentials.KeyVariable ? "K" : Secret)!.ApiKey);
        var error = Assert.Throws<InvalidParameterException>(() => BybitCredentials.FromEnvironment(name => name == BybitCredentials.KeyVariable ? "K" : null));
        Assert.Contains(BybitCredentials.SecretVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSecretIsNeverShownNorSerialized()
    {
        var credentials = new BybitCredentials("ABCDEFGHIJ", Secret);

        Assert.DoesNotContain(Secret, credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("EFGHIJ", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(credentials), StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(BybitCredentials).GetProperties(), p => p.PropertyType == typeof(string) && (string?)p.GetValue(credentials) == Secret);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text, UnixFileMode mode)
    {
        string path = Path.Combine(_folder, $"credentials-{Guid.NewGuid():N}");
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        return path;
    }
}
