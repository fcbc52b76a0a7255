using System.Diagnostics;
using System.Reflection;

namespace MarketMaking.Tests.Samples;

/// <summary>
/// Runs a test assembly as a program (its own entry point, with a probe command) at a given
/// Vector&lt;T&gt; width, which is fixed when a process starts, and returns what it printed: how a test
/// compares numbers computed at 256 and 512 bits. <see cref="Serve"/> is that entry point's body.
/// </summary>
internal static class WidthProbeProcess
{
    /// <summary>A test assembly's Main: prints <paramref name="report"/> when called with <paramref name="command"/>.</summary>
    public static int Serve(string[] args, string command, Func<string> report)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(report);
        if (args.Length == 1 && args[0] == command)
        {
            Console.Out.Write(report());
            return 0;
        }

        Console.Error.WriteLine($"usage: dotnet {Assembly.GetEntryAssembly()?.GetName().Name}.dll {command}");
        return 2;
    }

    public static string Run(Assembly assembly, string command, int bits)
    {
        var start = new ProcessStartInfo(DotnetHost(), [assembly.Location, command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_MaxVectorTBitWidth"] = bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start the probe");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"probe at {bits} bits exited with {process.ExitCode}: {error.Result}");
        return output;
    }

    // The dotnet host running the tests (testhost is started by it), else the one on the PATH.
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (host is not null && File.Exists(host))
        {
            return host;
        }

        string? process = Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
    }
}
