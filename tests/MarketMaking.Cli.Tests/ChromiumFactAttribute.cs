namespace MarketMaking.Cli.Tests;

/// <summary>A test that needs Debian's Chromium (.ci/run installs it): skipped, saying why, when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Executable = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Executable))
        {
            Skip = $"{Executable} not found: install Debian's chromium (.ci/run does) to run the browser test";
        }
    }
}
