using System.Text.Json;

namespace MarketMaking.Cli.Tests;

public class QuotesCommandTests
{
    [Fact]
    public void GlftExactPrintsThePublishedCheckValues()
    {
        var (code, output, error) = Mm.Run("quotes", "--model", "glft-exact", "--gamma", "0.1", "--sigma", "2", "--A", "140", "--kappa", "1.5", "--Q", "20", "--horizon", "1", "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);

        JsonElement quotes = JsonDocument.Parse(output).RootElement.GetProperty("quotes");
        Assert.Equal(41, quotes.GetArrayLength());
        JsonElement Row(int q) => quotes.EnumerateArray().Single(r => r.GetProperty("q").GetInt32() == q);
        Assert.Equal(0.6716, Row(0).GetProperty("bid").GetDouble(), 4);
        Assert.Equal(0.6716, Row(0).GetProperty("ask").GetDouble(), 4);
        Assert.Equal(0.7241, Row(1).GetProperty("bid").GetDouble(), 4);
        Assert.Equal(0.6191, Row(1).GetProperty("ask").GetDouble(), 4);

        // At the bounds the side that would pass Q is not quoted: null, not a number.
        Assert.Equal(JsonValueKind.Null, Row(20).GetProperty("bid").ValueKind);
        Assert.Equal(JsonValueKind.Null, Row(-20).GetProperty("ask").ValueKind);
    }

    [Fact]
    public void AvellanedaStoikovDepthsFollowTheFormula()
    {
        // τ = 1, γ = 0.1, σ = 2, κ = 1.5: half spread 0.2 + 10·ln(1 + 1/15) = 0.845384; skew γσ²τ = 0.4 per unit.
        var (code, output, _) = Mm.Run("quotes", "--model", "as", "--Q", "2", "--json");
        Assert.Equal(0, code);
        JsonElement quotes = JsonDocument.Parse(output).RootElement.GetProperty("quotes");
        double half = 0.2 + (10 * Math.Log(1 + (1.0 / 15)));
        foreach (JsonElement row in quotes.EnumerateArray())
        {
            int q = row.GetProperty("q").GetInt32();
            Assert.Equal(half + (0.4 * q), row.GetProperty("bid").GetDouble(), 12);
            Assert.Equal(half - (0.4 * q), row.GetProperty("ask").GetDouble(), 12);
        }
    }

    [Fact]
    public void TablePrintsNotQuotedAtTheBound()
    {
        var (code, output, _) = Mm.Run("quotes", "--model", "cj", "--Q", "3");
        Assert.Equal(0, code);
        Assert.Contains("not quoted", output, StringComparison.Ordinal);
        Assert.Contains("0.6716", Mm.Run("quotes", "--model", "glft-exact").Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The time asked for is the time quoted, or a one-line refusal: beyond T the tables clamped to
    /// T (glft-exact at T − t = 5 printed its T − t = 1 rows) and AS extrapolated, AS took ∞ as T, and
    /// options the model does not read were dropped (--model as --spread-bps 10 printed AS's table).
    /// </summary>
    [Fact]
    public void TimeLeftBeyondTheHorizonAndOptionsTheModelDoesNotReadAreRefused()
    {
        foreach ((string[] args, string message) in new[]
        {
            (new[] { "--model", "glft-exact", "--time-left", "5" }, "invalid time-left: T − t cannot exceed the horizon T (1), got 5: give a longer --horizon"),
            (new[] { "--model", "as", "--time-left", "1.5", "--horizon", "1" }, "invalid time-left: T − t cannot exceed the horizon T (1), got 1.5: give a longer --horizon"),
            (new[] { "--model", "as", "--time-left", "Infinity" }, "invalid time-left: --model as has no stationary quotes (only glft-exact and cj do): give T − t from 0 to the horizon (1)"),
            (new[] { "--model", "glft", "--time-left", "0.5" }, "invalid time-left: the quotes of --model glft do not depend on time: leave --time-left out"),
            (new[] { "--model", "as", "--time-left", "-1" }, "invalid time-left: must be zero or positive, got -1"),
            (new[] { "--model", "as", "--spread-bps", "10" }, "invalid spread-bps: --model as does not read --spread-bps; of these options it reads --gamma, --max-inventory, --order-size"),
            (new[] { "--model", "glft-exact", "--phi", "0.5" }, "invalid phi: --model glft-exact does not read --phi; of these options it reads --gamma, --max-inventory, --order-size"),
        })
        {
            var (code, output, error) = Mm.Run(["quotes", .. args]);
            Assert.Equal(2, code);
            Assert.Equal($"error: {message}", error.Trim());
            Assert.Equal(string.Empty, output);
        }

        // ∞ is the stationary row of a table model: GLFT-exact's long-horizon quotes (T − t = 1,000 on a horizon of 1,000) reach it.
        JsonElement stationary = Quote("--model", "glft-exact", "--time-left", "Infinity", "--Q", "2");
        JsonElement longHorizon = Quote("--model", "glft-exact", "--horizon", "1000", "--dt", "1", "--time-left", "1000", "--Q", "2");
        Assert.Equal(longHorizon.GetProperty("quotes")[1].GetProperty("bid").GetDouble(), stationary.GetProperty("quotes")[1].GetProperty("bid").GetDouble(), 6);

        // Below T it quotes the time asked for: AS at T − t = 0.5 skews by γσ²τ = 0.2 per unit (0.4 at τ = 1).
        JsonElement half = Quote("--model", "as", "--time-left", "0.5", "--Q", "1");
        Assert.Equal(0.2, half.GetProperty("quotes")[2].GetProperty("bid").GetDouble() - half.GetProperty("quotes")[1].GetProperty("bid").GetDouble(), 12);
    }

    private static JsonElement Quote(params string[] args)
    {
        var (code, output, error) = Mm.Run(["quotes", .. args, "--json"]);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }
}
