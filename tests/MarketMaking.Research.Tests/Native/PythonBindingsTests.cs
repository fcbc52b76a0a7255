using System.Diagnostics;
using System.Text.Json;
using MarketMaking.Learning.Environments;
using MarketMaking.Research.Quoting;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;
using MarketMaking.Tests.Samples;
using Xunit.Abstractions;

namespace MarketMaking.Research.Tests.Native;

/// <summary>
/// The native library (Native AOT, published here from a copy of src/) and the Python package over
/// it: the package's own tests pass, and the numbers Python gets through the C ABI are the ones the
/// C# libraries compute in this process, bit for bit. With MM_NATIVE_LIB set, that library is
/// tested instead of a fresh publish.
/// </summary>
public sealed class PythonBindingsTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-native-").FullName;

    [PythonFact]
    public void ThePackagesTestsPassAndItsNumbersAreTheCSharpOnes()
    {
        string root = RepositoryFolder.Root;
        string library = Environment.GetEnvironmentVariable("MM_NATIVE_LIB") ?? Publish(root);
        (int code, string output) = Run(PythonFactAttribute.Python, ["-m", "unittest", "discover", "-s", Path.Combine(root, "python", "tests"), "-v"], library);
        Assert.True(code == 0, output);

        (code, output) = Run(PythonFactAttribute.Python, [Path.Combine(root, "python", "tests", "emit.py")], library);
        Assert.True(code == 0, output);
        using JsonDocument python = JsonDocument.Parse(output);
        JsonElement p = python.RootElement;

        // The cj environment: 64 trajectories on seed 3, actions (7i + t) mod actions, 300 steps.
        var env = new ModelMarketEnvironment(EnvironmentPresets.Get("cj"), 64);
        var observations = new float[64 * env.ObservationSize];
        var rewards = new float[64];
        var terminated = new bool[64];
        var truncated = new bool[64];
        var actions = new int[64];
        env.Reset(3, observations);
        JsonElement[] steps = [.. p.GetProperty("rewards").EnumerateArray()];
        Assert.Equal(300, steps.Length);
        for (int t = 0; t < 300; t++)
        {
            for (int i = 0; i < 64; i++)
            {
                actions[i] = ((i * 7) + t) % env.ActionCount;
            }

            env.Step(actions, observations, rewards, terminated, truncated);
            Assert.Equal(rewards.Take(4).Select(r => (double)r), steps[t].EnumerateArray().Select(e => e.GetDouble()));
        }

        Assert.Equal(observations.Select(o => (double)o), p.GetProperty("observations").EnumerateArray().Select(e => e.GetDouble()));

        // Continuous quotes on cj: 64 trajectories on seed 5, bid depth min + (max − min)·((7i + t) mod 29)/28
        // and ask depth min + (max − min)·((5i + 3t) mod 31)/30, 300 steps: the same numbers through StepDepths.
        var continuous = new ModelMarketEnvironment(EnvironmentPresets.Get("cj"), 64);
        (double low, double high) = (continuous.Depths.Min, continuous.Depths.Max);
        Assert.Equal([low, high], p.GetProperty("depth_range").EnumerateArray().Select(e => e.GetDouble()));
        var depths = new double[128];
        continuous.Reset(5, observations);
        JsonElement[] continuousSteps = [.. p.GetProperty("continuous_rewards").EnumerateArray()];
        Assert.Equal(300, continuousSteps.Length);
        for (int t = 0; t < 300; t++)
        {
            for (int i = 0; i < 64; i++)
            {
                depths[2 * i] = low + ((high - low) * (((7 * i) + t) % 29) / 28.0);
                depths[(2 * i) + 1] = low + ((high - low) * (((5 * i) + (3 * t)) % 31) / 30.0);
            }

            continuous.StepDepths(depths, observations, rewards, terminated, truncated);
            Assert.Equal(rewards.Take(4).Select(r => (double)r), continuousSteps[t].EnumerateArray().Select(e => e.GetDouble()));
        }

        Assert.Equal(observations.Select(o => (double)o), p.GetProperty("continuous_observations").EnumerateArray().Select(e => e.GetDouble()));

        // The quoting model's decisions: exact GLFT, γ = 0.1, inventories −5 … 5.
        var settings = new StrategySettings { Gamma = 0.1, Sigma = 2, A = 140, Kappa = 1.5, Horizon = 1, TimeStep = 0.005, MaxInventory = 5 };
        IReadOnlyList<QuoteDepth> quotes = QuoteDepths.For(StrategyCatalog.Create("glft-exact", settings), settings, 1);
        Assert.Equal(quotes.Select(r => r.Bid), p.GetProperty("bid").EnumerateArray().Select(Nullable));
        Assert.Equal(quotes.Select(r => r.Ask), p.GetProperty("ask").EnumerateArray().Select(Nullable));

        // The Monte Carlo engine: approximate GLFT, 100 paths on seed 2.
        var glft = settings with { MaxInventory = 20 };
        var outcomes = new TrajectoryOutcomes(100);
        new MonteCarloEngine(new ModelMarketParameters { Sigma = 2, A = 140, Kappa = 1.5, Horizon = 1, TimeStep = 0.005 }, new MonteCarloSettings { Trajectories = 100, Seed = 2 })
            .Run(StrategyCatalog.Create("glft", glft), outcomes);
        Assert.Equal(outcomes.NetPnl.ToArray(), p.GetProperty("pnl").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(outcomes.Inventory.ToArray(), p.GetProperty("inventory").EnumerateArray().Select(e => e.GetDouble()));
    }

    private static double? Nullable(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    /// <summary>Publishes the native library from a copy of the sources (so the repository's own build output is untouched); returns the .so.</summary>
    private string Publish(string root)
    {
        string copy = Path.Combine(_folder, "repo");
        foreach (string file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
        {
            Directory.CreateDirectory(copy);
            File.Copy(Path.Combine(root, file), Path.Combine(copy, file));
        }

        foreach (string file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy, relative))!);
            File.Copy(file, Path.Combine(copy, relative));
        }

        var clock = Stopwatch.StartNew();
        string output = Path.Combine(_folder, "native");
        (int code, string text) = Run("dotnet", ["publish", Path.Combine(copy, "src", "MarketMaking.Native"), "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo"], null);
        Assert.True(code == 0, text);
        log.WriteLine($"Native AOT publish: {clock.Elapsed.TotalSeconds:F0} s");
        return Path.Combine(output, "MarketMaking.Native.so");
    }

    private static (int Code, string Output) Run(string program, string[] arguments, string? library)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (library is not null)
        {
            start.Environment["MM_NATIVE_LIB"] = library;
        }

        using var process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, process.ExitCode == 0 ? output : $"{output}\n{error.Result}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
