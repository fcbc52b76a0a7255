using System.Diagnostics;
using System.Text.RegularExpressions;
using MarketMaking.Tests.Samples;
using Xunit.Abstractions;

namespace MarketMaking.Cli.Tests;

/// <summary>Tests that change the process's working folder: run alone, after every parallel test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkingFolderTests
{
    public const string Name = "working folder";
}

/// <summary>
/// Every <c>./mm …</c> line of the README's code blocks runs as written, one after another, from a
/// folder laid out like the repository (configs/ beside it, ../shared/data when it exists), so a
/// newcomer can paste them in order. A few are too long for a test run or need the network: they
/// are listed below with the reason, and the files later examples read are made by a shorter run.
/// </summary>
[Collection(WorkingFolderTests.Name)]
public sealed partial class ReadmeExamplesTests(ITestOutputHelper log) : IDisposable
{
    /// <summary>README lines (by their start) not run as written: why, and the shorter run that makes what later lines read (null: none).</summary>
    private static readonly (string Line, string Reason, string? StandIn)[] Skipped =
    [
        ("train --agent qlearning --env cj", "training: 400 M transitions (37.5 s in Release)", null),
        ("train --agent ppo --env cj", "training: 3 × 6 M transitions (323 s in Release)", "train --agent ppo --env cj --steps 12800 --members 1 --out runs/ppo.json"),
        ("train --agent dqn --env cj", "training: 4 × 2 M transitions (64 s in Release)", null),
        ("train --agent sac --env cj", "training: 3 M transitions with an update per 8", "train --agent sac --env cj --steps 3200 --out runs/sac.json"),
        ("train --agent ppo-continuous --env cj", "training: 3 × 3 M transitions", "train --agent ppo-continuous --env cj --steps 12800 --members 1 --out runs/ppo-continuous.json"),
        ("train --agent ppo --env lob", "training: 3 × 1 M transitions on the book (132 s in Release)", "train --agent ppo --env lob --preset toxic --steps 6000 --envs 8 --members 1 --out runs/lob.json"),
        ("train --agent dqn --env lob", "training: 4 × 1 M transitions on the book (113 s in Release)", "train --agent dqn --env lob --preset toxic --steps 6400 --envs 8 --members 1 --training-phi 0.2 --out runs/lob.json"),
        ("train --agent dqn --members 1 --env tape", "training: 300 k transitions on windows of the AMZN morning (19 s in Release at load 3, 125 s at load 25)", "train --agent dqn --members 1 --env tape --data ../shared/data/lobster/LOBSTER_SampleFile_AMZN_2012-06-21_5.zip --format lobster --latency 1ms --steps 3200 --envs 8 --out runs/tape-amzn-dqn.json"),
        ("train detector --preset toxic --runs 20", "training: 2.4 M fills from 20 one-hour runs of the toxic book (30 s in Debug); only a skipped example reads its model", null),
        ("simulate --market lob --preset toxic --strategy as-rolling,glft,fixed,adaptive", "20 one-hour runs of the toxic book per strategy (27 s in Debug)", null),
        ("simulate --market lob --preset toxic --strategy as,as+guard", "20 one-hour runs of the toxic book per strategy and 10 to train the guard (30 s in Debug)", null),
        ("simulate --market lob --preset toxic --strategy as-rolling,as-rolling+guard", "20 one-hour runs of the toxic book per strategy (53 s in Debug)", null),
        ("simulate --market lob --preset toxic --strategy fixed,nn-spread", "20 one-hour runs of the toxic book per strategy (73 s in Debug)", null),
        ("fetch klines", "needs the network (Bybit's REST API)", null),
        ("record", "needs the network (Bybit's WebSocket) and records for an hour", null),
        ("venue --port 0 --market abm", "serves until Ctrl-C: run for 2 s", "venue --port 0 --market abm --preset liquid --speed 10 --faults configs/examples/venue-faults.yaml --fault-log runs/venue-faults.jsonl --duration 2s"),
        ("venue --market replay --data ../shared/data/binance-usdm/btcusdt_20240808.gz --format", "serves until Ctrl-C: run for 2 s", "venue --market replay --data ../shared/data/binance-usdm/btcusdt_20240808.gz --format binance-usdm --speed 1 --duration 2s"),
        ("venue --port 8199 --credentials runs/venue.keys", "serves until Ctrl-C: run for 2 s", "venue --port 0 --credentials runs/venue.keys --duration 2s"),
        ("trade --venue bybit", "needs the network (Bybit's public stream)", null),
        ("trade --config configs/examples/trade.yaml --endpoint", "needs a running mm venue (PORT is from the URL it prints); the trading and dashboard tests run it", null),
        ("journal runs/trade-sim/journal.db", "reads the journal the session above writes; the brackets list the choices", null),
        ("trade --venue local --endpoint http://127.0.0.1:PORT", "needs a running mm venue listing both symbols (PORT is from the URL it prints); the trading tests run it", null),
        ("dashboard runs/trade/journal-BTCUSDT.db", "needs the journals of a multi-instrument session; serves until Ctrl-C", null),
        ("dashboard runs/trade/journal.db", "needs a session's journal; serves until Ctrl-C", null),
    ];

    private readonly string _root = Directory.CreateTempSubdirectory("mm-readme-").FullName;

    [Fact]
    public void EveryExampleRunsAsWrittenFromTheRepositoryRoot()
    {
        string repository = RepositoryFolder.Root;
        string[] examples = [.. Examples(File.ReadAllText(Path.Combine(repository, "README.md")))];
        Assert.True(examples.Length >= 40, $"{examples.Length} examples found");
        foreach ((string line, _, _) in Skipped)
        {
            Assert.Contains(examples, e => e.StartsWith(line, StringComparison.Ordinal));   // the list names README lines that exist
        }

        // The repository's layout, without its runs/: configs/ and ../shared beside it.
        string folder = Path.Combine(_root, "repository");
        Directory.CreateDirectory(folder);
        Directory.CreateSymbolicLink(Path.Combine(folder, "configs"), Path.Combine(repository, "configs"));
        string? shared = SharedData.Folder is { } data ? Path.GetDirectoryName(data) : null;
        if (shared is not null)
        {
            Directory.CreateSymbolicLink(Path.Combine(_root, "shared"), shared);
        }

        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder;
        try
        {
            int ran = 0;
            foreach (string example in examples)
            {
                (string, string, string?) skipped = Skipped.FirstOrDefault(s => example.StartsWith(s.Line, StringComparison.Ordinal));
                string command = example;
                if (skipped is (_, { } reason, var standIn))
                {
                    log.WriteLine($"skipped ({reason}): ./mm {example}");
                    if (standIn is null)
                    {
                        continue;
                    }

                    command = standIn;
                }

                if (shared is null && command.Contains("../shared/", StringComparison.Ordinal))
                {
                    log.WriteLine($"skipped (../shared/data is absent): ./mm {example}");
                    continue;
                }

                var clock = Stopwatch.StartNew();
                var (code, _, error) = Mm.Run(command.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                log.WriteLine($"{clock.Elapsed.TotalSeconds,5:F1} s  ./mm {command}");
                Assert.True(code == 0, $"./mm {command} exited with {code}: {error}");
                // A note (a shaped reward evaluated on the environment's own φ) is information, not a fault.
                Assert.True(error.Split('\n', StringSplitOptions.RemoveEmptyEntries).All(line => line.StartsWith("note: ", StringComparison.Ordinal)), $"./mm {command} wrote to standard error: {error}");
                ran++;
            }

            Assert.True(ran >= 25, $"{ran} examples ran");

            // Results land under runs/, never in the repository root.
            Assert.Equal(["configs", "runs"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order());
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    /// <summary>The <c>./mm</c> lines of the README's code blocks, without "./mm " and trailing comments.</summary>
    private static IEnumerable<string> Examples(string readme)
    {
        bool inBlock = false;
        foreach (string raw in readme.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }

            if (inBlock && line.StartsWith("./mm ", StringComparison.Ordinal))
            {
                yield return Spaces().Replace(line["./mm ".Length..].Split(" #")[0].Trim(), " ");
            }
        }
    }

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
