namespace MarketMaking.Cli.Tests;

/// <summary>Runs the mm tool in-process and captures what it prints.</summary>
internal static class Mm
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = MmApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
