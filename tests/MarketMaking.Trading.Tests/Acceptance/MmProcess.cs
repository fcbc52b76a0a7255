using System.Diagnostics;
using System.Text;
using MarketMaking.Venue;

namespace MarketMaking.Trading.Tests.Acceptance;

/// <summary>The built <c>mm</c> tool as a child process (<c>dotnet mm.dll …</c>), its output captured.</summary>
internal sealed class MmProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private MmProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Starts <c>mm trade</c> against <paramref name="venue"/> with its test key in the environment.</summary>
    public static MmProcess Trade(LocalVenue venue, params string[] arguments)
    {
        ProcessStartInfo start = StartInfo(["trade", "--venue", "local", "--endpoint", venue.Url.ToString(), "--symbol", venue.Settings.Symbol, .. arguments]);
        start.Environment["BYBIT_API_KEY"] = venue.ApiKey;
        start.Environment["BYBIT_API_SECRET"] = venue.ApiSecret;
        return Start(start);
    }

    /// <summary>Starts <c>mm</c> with <paramref name="arguments"/> (a venue of its own, to stop with SIGSTOP).</summary>
    public static MmProcess Run(params string[] arguments) => Start(StartInfo(arguments));

    /// <summary>Starts <c>mm</c> with <paramref name="arguments"/> in the working folder <paramref name="folder"/> (relative paths are relative to it).</summary>
    public static MmProcess RunIn(string folder, params string[] arguments)
    {
        ProcessStartInfo start = StartInfo(arguments);
        start.WorkingDirectory = folder;
        return Start(start);
    }

    private static ProcessStartInfo StartInfo(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mm.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static MmProcess Start(ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start };
        var mm = new MmProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            lock (mm._output)
            {
                mm._output.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (mm._error)
            {
                mm._error.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return mm;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>kill -9: the process ends at once, nothing runs after.</summary>
    public void KillHard() => _process.Kill();

    /// <summary>kill -TERM.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>kill -<paramref name="name"/> (INT, TERM, STOP, CONT).</summary>
    public void Signal(string name)
    {
        using Process kill = Process.Start("kill", ["-" + name, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>Waits until the standard output holds <paramref name="text"/>.</summary>
    public async Task PrintedAsync(string text, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > within || _process.HasExited)
            {
                throw new TimeoutException($"'{text}' not printed within {within.TotalSeconds} s: {Output}{Error}");
            }

            await Task.Delay(20);
        }
    }

    public async Task<int> ExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
