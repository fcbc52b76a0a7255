namespace MarketMaking.Cli.Configuration;

/// <summary>
/// The arguments of the command being run, with its config file's settings spelled out, so a run
/// folder can record exactly how to repeat the run (<c>mm rerun</c>). Flows with the invocation
/// (AsyncLocal), so parallel invocations in one process do not mix.
/// </summary>
internal static class CommandLine
{
    private static readonly AsyncLocal<string[]?> Arguments = new();

    public static IReadOnlyList<string>? Current => Arguments.Value;

    public static void Set(string[] arguments) => Arguments.Value = arguments;
}
