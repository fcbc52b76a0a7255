using System.Text.Json;

namespace MarketMaking.Cli.Tests;

/// <summary>
/// The README's headline results on the toxic agent-based book, run in CI as the README's commands
/// (deterministic: the same seeds give the same numbers, so what CI checks is what the README shows).
/// One collection: each takes a minute or two of both cores.
/// </summary>
[Collection(BookHeadlines.Name)]
public sealed class BookHeadlineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-book-headline-").FullName;

    /// <summary>
    /// The guard's table, first row: as+guard − as on the toxic preset, defaults, seeds 1–20
    /// (the README: +59 [+2, +117]): the guard gains, its interval clear of zero, and inventory risk
    /// is unchanged.
    /// </summary>
    [Fact]
    public void TheGuardGainsOnTheToxicBook()
    {
        var (code, output, error) = Mm.Run("simulate", "--market", "lob", "--preset", "toxic", "--strategy", "as,as+guard", "--runs", "20", "--json", "--no-save");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement difference = JsonDocument.Parse(output).RootElement.GetProperty("paired_differences")[0];
        Assert.Equal(("as", "as+guard"), (difference.GetProperty("baseline").GetString(), difference.GetProperty("candidate").GetString()));
        JsonElement pnl = difference.GetProperty("pnl");
        Assert.Equal(20, pnl.GetProperty("pairs").GetInt32());
        Assert.True(pnl.GetProperty("lower").GetDouble() > 0, $"guard − as PnL {pnl}");
        Assert.True(pnl.GetProperty("mean").GetDouble() >= 55, $"guard − as PnL {pnl}");
        JsonElement inventory = difference.GetProperty("mean_abs_inventory");
        Assert.InRange(inventory.GetProperty("mean").GetDouble(), -0.01, 0.01);
    }

    /// <summary>
    /// The book agents' acceptance: DQN trained with φ = 0.2 (four members × 1 M transitions, seed 1)
    /// against calibrated AS and GLFT on 200 held-out toxic episodes, risk-adjusted (the README:
    /// +29.95 [27.65, 32.26] and +42.34 [37.70, 46.99]): both intervals clear of zero.
    /// </summary>
    [Fact]
    public void DqnBeatsCalibratedAsAndGlftOnTheToxicBook()
    {
        string policy = Path.Combine(_folder, "lob.json");
        var (code, _, error) = Mm.Run("train", "--agent", "dqn", "--env", "lob", "--preset", "toxic", "--steps", "1000000", "--seed", "1", "--training-phi", "0.2", "--out", policy, "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);

        (code, string output, error) = Mm.Run("evaluate", "--policy", policy, "--env", "lob", "--preset", "toxic", "--runs", "200", "--json");
        Assert.Equal(0, code);
        Assert.Equal($"note: {policy} was trained with --training-phi 0.2, not the book's own φ 0.01: a shaped reward, scored as every strategy is (on φ 0.01)", error.TrimEnd('\n'));
        JsonElement[] differences = [.. JsonDocument.Parse(output).RootElement.GetProperty("paired_differences").EnumerateArray()];
        foreach ((string baseline, double atLeast) in new[] { ("as", 25.0), ("glft", 38.0) })
        {
            JsonElement d = differences.Single(e => e.GetProperty("baseline").GetString() == baseline);
            JsonElement adjusted = d.GetProperty("risk_adjusted_pnl");
            Assert.Equal(200, adjusted.GetProperty("pairs").GetInt32());
            Assert.True(adjusted.GetProperty("lower").GetDouble() > 0, $"dqn − {baseline} {adjusted}");
            Assert.True(adjusted.GetProperty("mean").GetDouble() >= atLeast, $"dqn − {baseline} {adjusted}");
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
