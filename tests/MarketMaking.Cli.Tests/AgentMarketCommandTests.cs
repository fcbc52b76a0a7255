using System.Text.Json;
using MarketMaking.Cli.Configuration;
using MarketMaking.Core.Errors;
using MarketMaking.Simulation.Agents;

namespace MarketMaking.Cli.Tests;

public sealed class AgentMarketCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-lob-").FullName;

    [Theory]
    [InlineData("liquid")]
    [InlineData("thin")]
    [InlineData("toxic")]
    public void EveryPresetLoadsAndValidates(string preset)
    {
        AgentMarketParameters p = AgentMarketPresets.Load(preset);
        Assert.True(p.Noise.LimitRate > 0);
        Assert.Equal(0.01, p.TickSize);
    }

    [Fact]
    public void PresetsDiffer()
    {
        // Toxic: informed orders outnumber noise market orders; liquid: the other way round.
        // Thin: far less resting liquidity arrives than on the liquid market.
        AgentMarketParameters toxic = AgentMarketPresets.Load("toxic"), liquid = AgentMarketPresets.Load("liquid");
        Assert.True(toxic.Informed.Rate > toxic.Noise.MarketRate);
        Assert.True(liquid.Informed.Rate < liquid.Noise.MarketRate);
        Assert.True(AgentMarketPresets.Load("thin").Noise.LimitRate < liquid.Noise.LimitRate / 2);
    }

    [Theory]
    [InlineData("noise:\n  limit_rate: 5\n  speed: 3\n", 3, "noise.speed", "unknown key")]
    [InlineData("duration: 60\nnoise:\n  limit_rate: fast\n", 3, "noise.limit_rate", "expected a number, got 'fast'")]
    [InlineData("duration: 60\nclustering:\n  branching_ratio: 1.5\n", 3, "clustering.branching_ratio", "must be in [0, 1)")]
    [InlineData("tick_size: -1\n", 1, "tick_size", "must be a positive number")]
    [InlineData("noise: 5\n", 1, "noise", "expected a section")]
    [InlineData("sweep_limit_ticks: 2.5\n", 1, "sweep_limit_ticks", "expected a whole number (digits, e.g. 1000000), got '2.5'")]
    [InlineData("duration: [60, 120]\n", 1, "duration", "expected a number, got a list")]
    public void BadPresetValuesNameTheFileTheLineAndTheKey(string yaml, int line, string key, string problem)
    {
        string path = Path.Combine(_folder, "bad.yaml");
        File.WriteAllText(path, yaml);
        ConfigurationException e = Assert.Throws<ConfigurationException>(() => AgentMarketPresets.Load(path));
        Assert.Equal(line, e.Line);
        Assert.Equal(key, e.Key);
        Assert.StartsWith($"{path}:{line}: {key}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);

        var (code, _, error) = Mm.Run("stylized-facts", "--preset", path);
        Assert.Equal(2, code);
        Assert.Contains($"bad.yaml:{line}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LiquidPresetHasTheStylizedFactsOfARealMarket()
    {
        var (code, output, error) = Mm.Run("stylized-facts", "--market", "lob", "--preset", "liquid", "--seed", "1", "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement r = JsonDocument.Parse(output).RootElement;
        Assert.True(r.GetProperty("minutes").GetInt32() >= 700);
        Assert.True(r.GetProperty("return_excess_kurtosis").GetDouble() > 1, "fat tails");
        Assert.All(r.GetProperty("absolute_return_autocorrelation").EnumerateArray(), lag => Assert.True(lag.GetDouble() > 0, "volatility clusters"));
        Assert.True(r.GetProperty("trade_price_change_autocorrelation").GetDouble() < 0, "bid-ask bounce");
        Assert.True(r.GetProperty("spread_shares")[0].GetDouble() > 0.5, "mostly one tick");
        Assert.True(r.GetProperty("impact_is_concave").GetBoolean(), "impact grows concavely with size");
        JsonElement beta = r.GetProperty("impact_exponent");
        Assert.True(beta.GetProperty("upper").GetDouble() < 0.8, $"impact ∝ size^β with β clearly below 1: {beta}");
        Assert.True(beta.GetProperty("lower").GetDouble() > 0.3, $"impact grows with size, as on real books (β ≈ ½): {beta}");
    }

    [Fact]
    public void ToxicPresetAdverselySelectsANaiveQuoter()
    {
        var (code, output, _) = Mm.Run("stylized-facts", "--preset", "toxic", "--hours", "4", "--json");
        Assert.Equal(0, code);
        JsonElement r = JsonDocument.Parse(output).RootElement;
        Assert.True(r.GetProperty("naive_fills").GetInt64() > 1000);
        Assert.True(r.GetProperty("naive_markout_ticks").GetDouble() < 0, "fills are followed by moves against the maker");
    }

    [Fact]
    public void SimulateComparesStrategiesOnTheSameSeedsWithCalibratedParameters()
    {
        string market = Path.Combine(_folder, "short.yaml");
        File.WriteAllText(market, File.ReadAllText(Path.Combine(AgentMarketPresets.Folder, "toxic.yaml")).Replace("duration: 3600", "duration: 120", StringComparison.Ordinal));
        string[] args = ["simulate", "--market", "lob", "--preset", market, "--strategy", "glft,adaptive", "--runs", "3", "--calibrate-seconds", "300", "--max-position", "20", "--json", "--no-save"];
        var (code, output, error) = Mm.Run(args);
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        JsonElement[] rows = root.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(["glft", "adaptive"], rows.Select(r => r.GetProperty("strategy").GetString()));
        Assert.All(rows, r => Assert.Equal(3, r.GetProperty("sims").GetInt32()));
        Assert.All(rows, r => Assert.True(r.GetProperty("max_abs_q").GetDouble() <= 20));

        // Calibrated on the market's own tape, on a seed of its own: what 'mm calibrate' measures on
        // 300 s of the same market from seed 1 + 1,000,003 (the runs use seeds 1, 2, 3).
        JsonElement calibration = root.GetProperty("calibration");
        JsonElement separate = JsonDocument.Parse(Mm.Run("calibrate", "--market", "lob", "--preset", market, "--duration", "300", "--seed", "1000004", "--json").Output).RootElement;
        foreach (string key in new[] { "sigma", "a", "kappa" })
        {
            Assert.Equal(separate.GetProperty(key).GetProperty("value").GetDouble(), calibration.GetProperty(key).GetProperty("value").GetDouble());
        }

        // The mid follows the fundamental value (σ 0.2 per √s plus jumps of 0.3 at 0.01 a second:
        // √(0.04 + 0.0009) = 0.202) only as informed orders move it, so over a second it catches part
        // of each move: its σ lies below the value's, and far above what one tick of bounce a
        // second would give (0.01).
        Assert.InRange(calibration.GetProperty("sigma").GetProperty("value").GetDouble(), 0.03, 0.202);
        Assert.Equal(output, Mm.Run(args).Output);
    }

    /// <summary>One run per strategy has no confidence interval: it is said so (it printed [NaN, NaN]), and --json's bounds are null.</summary>
    [Fact]
    public void OneRunHasNoConfidenceInterval()
    {
        string market = Path.Combine(_folder, "short.yaml");
        File.WriteAllText(market, File.ReadAllText(Path.Combine(AgentMarketPresets.Folder, "toxic.yaml")).Replace("duration: 3600", "duration: 120", StringComparison.Ordinal));
        string[] args = ["simulate", "--market", "lob", "--preset", market, "--strategy", "glft,adaptive", "--runs", "1", "--calibrate-seconds", "300", "--no-save"];

        var (code, output, error) = Mm.Run([.. args, "--json"]);
        Assert.Equal((0, ""), (code, error));
        JsonElement root = JsonDocument.Parse(output).RootElement;
        JsonElement[] rows = [.. root.GetProperty("results").EnumerateArray()];
        JsonElement pnl = root.GetProperty("paired_differences")[0].GetProperty("pnl");
        Assert.Equal(JsonValueKind.Null, pnl.GetProperty("lower").ValueKind);
        Assert.Equal(JsonValueKind.Null, pnl.GetProperty("upper").ValueKind);
        double difference = rows[1].GetProperty("profit_mean").GetDouble() - rows[0].GetProperty("profit_mean").GetDouble();
        Assert.Equal(difference, pnl.GetProperty("mean").GetDouble(), 9);

        (code, output, error) = Mm.Run(args);
        Assert.Equal((0, ""), (code, error));
        string line = output.Split('\n').Single(l => l.StartsWith("adaptive − glft over 1 paired seeds: ", StringComparison.Ordinal));
        Assert.EndsWith(" (one run: no confidence interval)", line.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains($"mean PnL {MarketMaking.Research.Reports.Formats.WithSign(difference, 2)}, ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
