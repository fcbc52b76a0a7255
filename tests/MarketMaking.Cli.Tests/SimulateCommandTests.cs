using System.Text.Json;

namespace MarketMaking.Cli.Tests;

public class SimulateCommandTests
{
    [Fact]
    public void JsonHasThePaperColumnsAndReproducesTheTable()
    {
        var (code, output, error) = Mm.Run("simulate", "--model", "as", "--strategy", "inventory,symmetric", "--gamma", "0.1", "--sims", "1000", "--seed", "1", "--json", "--no-save");
        Assert.Equal(0, code);
        Assert.Empty(error);

        JsonElement[] results = JsonDocument.Parse(output).RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(["inventory", "symmetric"], results.Select(r => r.GetProperty("strategy").GetString()));
        foreach (string key in new[] { "spread", "profit_mean", "profit_std", "final_q_mean", "final_q_std", "sharpe", "fill_rate", "utility_mean_variance" })
        {
            Assert.All(results, r => Assert.Equal(JsonValueKind.Number, r.GetProperty(key).ValueKind));
        }

        // Avellaneda & Stoikov (2008), γ = 0.1: inventory 65.0 ± 4 SE, std 6.6 ± 15%; symmetric 68.4, std 12.7.
        JsonElement inventory = results[0];
        double se = inventory.GetProperty("profit_std").GetDouble() / Math.Sqrt(1000);
        Assert.InRange(inventory.GetProperty("profit_mean").GetDouble(), 65.0 - (4 * se), 65.0 + (4 * se));
        Assert.InRange(inventory.GetProperty("profit_std").GetDouble(), 6.6 * 0.85, 6.6 * 1.15);
        Assert.InRange(results[1].GetProperty("profit_std").GetDouble(), 12.7 * 0.85, 12.7 * 1.15);
    }

    /// <summary>
    /// A strategy option that none of the run's strategies reads is refused on the model market and
    /// the agent-based one, as in mm backtest: --strategy as --spread-bps 10 printed AS's numbers.
    /// γ is the run's too (the utility column scores every strategy), so --strategy fixed --gamma runs.
    /// </summary>
    [Theory]
    [InlineData("model", "as", "--spread-bps", "10", "invalid spread-bps: --strategy as does not read --spread-bps; of these options it reads --gamma, --order-size, --update-freq")]
    [InlineData("model", "as,glft", "--phi", "0.5", "invalid phi: --strategy as,glft does not read --phi; of these options it reads --gamma, --max-inventory, --order-size, --update-freq")]
    [InlineData("lob", "fixed", "--update-freq", "5", "invalid update-freq: --strategy fixed does not read --update-freq; of these options it reads --gamma, --max-inventory, --order-size, --spread-bps, --skew-factor")]
    public void StrategyOptionsNoStrategyReadsAreRefused(string market, string strategy, string option, string value, string expected)
    {
        var (code, output, error) = Mm.Run("simulate", "--market", market, "--strategy", strategy, "--no-save", option, value);
        Assert.Equal(2, code);
        Assert.Equal($"error: {expected}", error.Trim());
        Assert.Equal(string.Empty, output);

        (code, _, error) = Mm.Run("simulate", "--strategy", "fixed", "--gamma", "0.3", "--sims", "10", "--no-save", "--json");
        Assert.True(code == 0, error);
    }

    [Theory]
    [InlineData("--phi", "5", "invalid phi: mm simulate --model multi does not read --phi; of these options it reads --gamma, --order-size")]
    [InlineData("--spread-bps", "4", "invalid spread-bps: mm simulate --model multi does not read --spread-bps; of these options it reads --gamma, --order-size")]
    [InlineData("--slippage-bps", "10", "invalid slippage-bps: mm simulate --model multi does not read --slippage-bps: its makers quote flat from the start, on one thread, with no position limit, slippage or inventory penalty")]
    [InlineData("--max-position", "3", "invalid max-position: mm simulate --model multi does not read --max-position: its makers quote flat from the start, on one thread, with no position limit, slippage or inventory penalty")]
    [InlineData("--q0", "2", "invalid q0: mm simulate --model multi does not read --q0: its makers quote flat from the start, on one thread, with no position limit, slippage or inventory penalty")]
    [InlineData("--assets", "100000", "invalid assets: must be 1 to 100, got 100000")]
    [InlineData("--correlation", "NaN", "invalid correlation: must be in (−1/(n−1), 1) for a positive-definite matrix of 2 assets, got NaN")] // was "invalid covariance: entry (0, 1) = NaN …"
    [InlineData("--A", "1000", "invalid A: A·dt = 5 (--A 1000 × --dt 0.005): must be at most 1, a fill probability per step of the multi-asset model; lower --A or --dt")] // was "invalid dt"
    [InlineData("--inventory-penalty", "1", "invalid inventory-penalty: mm simulate --model multi does not read --inventory-penalty: its makers quote flat from the start, on one thread, with no position limit, slippage or inventory penalty")]
    public void TheMultiAssetMarketRefusesWhatItDoesNotRead(string option, string value, string expected)
    {
        var (code, output, error) = Mm.Run("simulate", "--model", "multi", "--sims", "10", "--no-save", option, value);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal($"error: {expected}", error.TrimEnd());
    }

    [Theory]
    [InlineData("--model", "as", "--assets", "3")]
    [InlineData("--market", "lob", "--correlation", "0.5")]
    public void AssetsAndCorrelationWithoutTheMultiAssetModelAreRefused(string marketOption, string market, string option, string value)
    {
        var (code, _, error) = Mm.Run("simulate", marketOption, market, option, value, "--sims", "10", "--no-save");
        Assert.Equal(2, code);
        Assert.Equal($"error: invalid {option[2..]}: {option} is read by --model multi only (the other markets quote one asset)", error.TrimEnd());
    }

    [Fact]
    public void TheMultiAssetRunWritesItsRunFolderWithTheNumbersItPrints()
    {
        string folder = Path.Combine(Directory.CreateTempSubdirectory("mm-multi-").FullName, "run");
        try
        {
            var (code, output, error) = Mm.Run("simulate", "--model", "multi", "--sims", "200", "--gamma", "0.1", "--json", "--out", folder);
            Assert.True(code == 0, error);
            using JsonDocument metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json")));
            Assert.Equal(JsonDocument.Parse(output).RootElement.GetProperty("rows").GetRawText(), metrics.RootElement.GetProperty("rows").GetRawText());
            foreach (JsonElement row in metrics.RootElement.GetProperty("rows").EnumerateArray())
            {
                // The mean utility is the mean PnL less (γ/2) times the mean ∫qᵀΣq dt.
                Assert.Equal(row.GetProperty("mean_pnl").GetDouble() - (0.05 * row.GetProperty("mean_inventory_risk").GetDouble()), row.GetProperty("mean_utility").GetDouble(), 9);
            }

            Assert.Contains("portfolio - glft", File.ReadAllText(Path.Combine(folder, "report.html")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    /// <summary>One trajectory has no interval for a paired difference: said so (it printed "95% CI [NaN, NaN]"), null in --json.</summary>
    [Fact]
    public void TheMultiAssetRunOfOneTrajectoryHasNoConfidenceInterval()
    {
        var (code, output, error) = Mm.Run("simulate", "--model", "multi", "--sims", "1", "--json", "--no-save");
        Assert.Equal((0, ""), (code, error));
        JsonElement root = JsonDocument.Parse(output).RootElement;
        JsonElement difference = root.GetProperty("utility_differences").GetProperty("portfolio - glft");
        Assert.Equal(JsonValueKind.Null, difference.GetProperty("lower").ValueKind);
        Assert.Equal(JsonValueKind.Null, difference.GetProperty("upper").ValueKind);
        JsonElement[] rows = [.. root.GetProperty("rows").EnumerateArray()];
        double mean = rows[0].GetProperty("mean_utility").GetDouble() - rows[1].GetProperty("mean_utility").GetDouble();
        Assert.Equal(mean, difference.GetProperty("mean").GetDouble(), 9);

        (code, output, error) = Mm.Run("simulate", "--model", "multi", "--sims", "1", "--no-save");
        Assert.Equal((0, ""), (code, error));
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"utility portfolio - glft: {mean:F3} (one run: no confidence interval)"), output.Split('\n').Single(l => l.StartsWith("utility ", StringComparison.Ordinal)).TrimEnd());
    }

    [Fact]
    public void SameSeedSameOutputOtherSeedOtherOutput()
    {
        string[] args = ["simulate", "--strategy", "glft,adaptive", "--sims", "300", "--json", "--no-save", "--model", "adverse"];
        string first = Mm.Run([.. args, "--seed", "7"]).Output;
        Assert.Equal(first, Mm.Run([.. args, "--seed", "7"]).Output);
        Assert.NotEqual(first, Mm.Run([.. args, "--seed", "8"]).Output);
    }

    [Fact]
    public void ModelParametersReachTheMarketAndTheStrategy()
    {
        JsonElement Result(string strategy, params string[] extra) =>
            JsonDocument.Parse(Mm.Run(["simulate", "--strategy", strategy, "--sims", "400", "--json", "--no-save", .. extra]).Output).RootElement.GetProperty("results")[0];

        // σ reaches the strategy: at σ = 0 the AS spread is exactly (2/γ)ln(1 + γ/κ) = 20·ln(16/15).
        Assert.Equal(20 * Math.Log(16.0 / 15), Result("as", "--sigma", "0").GetProperty("spread").GetDouble(), 9);

        // σ reaches the market: the symmetric strategy's PnL risk is mostly inventory × price moves.
        double calm = Result("symmetric", "--sigma", "0").GetProperty("profit_std").GetDouble();
        double wild = Result("symmetric", "--sigma", "4").GetProperty("profit_std").GetDouble();
        Assert.True(calm < wild / 3, $"{calm} vs {wild}");

        // Rebates: a maker fee of −1 bp on ~100 fills of one unit at ~100 earns about 1.
        double fees = Result("as", "--maker-fee", "-0.0001").GetProperty("fees_mean").GetDouble();
        Assert.InRange(fees, -0.01 * 120, -0.01 * 60);
    }

    [Fact]
    public void SlippageAndMarketImpactReachTheModelMarket()
    {
        JsonElement Result(params string[] extra) =>
            JsonDocument.Parse(Mm.Run(["simulate", "--strategy", "as", "--sims", "400", "--seed", "4", "--json", "--no-save", .. extra]).Output).RootElement.GetProperty("results")[0];

        // Slippage: the same fills, PnL lower by exactly the mean cost, about 2 bp of ~100 per fill.
        JsonElement plain = Result(), slipped = Result("--slippage-bps", "2");
        Assert.Equal(plain.GetProperty("fills_mean").GetDouble(), slipped.GetProperty("fills_mean").GetDouble());
        double cost = slipped.GetProperty("slippage_mean").GetDouble();
        Assert.InRange(cost / slipped.GetProperty("fills_mean").GetDouble(), 0.019, 0.021);
        Assert.Equal(plain.GetProperty("profit_mean").GetDouble() - cost, slipped.GetProperty("profit_mean").GetDouble(), 9);

        // Impact: every fill moves the mid against us, so the same strategy earns less.
        Assert.True(Result("--market-impact", "0.1").GetProperty("profit_mean").GetDouble() < plain.GetProperty("profit_mean").GetDouble() - 2);
    }
}
