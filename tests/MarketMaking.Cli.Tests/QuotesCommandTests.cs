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
}
