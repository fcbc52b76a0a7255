using System.Diagnostics;

namespace MarketMaking.Research.Tests.Native;

/// <summary>A test that needs Debian's python3 with numpy (python3-numpy): skipped, saying why, without them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly string[] ImportNumpy = ["-c", "import numpy"];

    public PythonFactAttribute()
    {
        if (!File.Exists(Python))
        {
            Skip = $"{Python} not found: install Debian's python3 and python3-numpy to test the Python bindings";
            return;
        }

        using var process = Process.Start(new ProcessStartInfo(Python, ImportNumpy) { RedirectStandardError = true })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Skip = $"{Python} has no numpy: install Debian's python3-numpy to test the Python bindings";
        }
    }
}
