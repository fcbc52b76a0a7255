using System.Text.Json;

namespace MarketMaking.Cli.Tests;

public class CalibrateCommandTests
{
    [Fact]
    public void ModelTapeIsRecoveredWithinTheIntervalsAndImpliedQuotesFollow()
    {
        var (code, output, error) = Mm.Run("calibrate", "--market", "model", "--A", "60", "--kappa", "2", "--sigma", "1.5", "--duration", "150", "--gamma", "0.2", "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        foreach ((string key, double truth) in new[] { ("sigma", 1.5), ("a", 60.0), ("kappa", 2.0) })
        {
            JsonElement e = root.GetProperty(key);
            Assert.InRange(truth, e.GetProperty("lower").GetDouble(), e.GetProperty("upper").GetDouble());
        }

        // AS at q = 0, T − t = 1: half spread γσ²/2 + (1/γ)ln(1 + γ/κ) with the ESTIMATES.
        double sigma = root.GetProperty("sigma").GetProperty("value").GetDouble();
        double kappa = root.GetProperty("kappa").GetProperty("value").GetDouble();
        double expected = (0.2 * sigma * sigma / 2) + (5 * Math.Log(1 + (0.2 / kappa)));
        Assert.Equal(expected, root.GetProperty("quotes").GetProperty("as").GetProperty("half_spread").GetDouble(), 9);
        Assert.Equal(150, root.GetProperty("observed_seconds").GetDouble(), 6);
    }

    [Fact]
    public void UnknownSourceIsAUsageError()
    {
        var (code, _, error) = Mm.Run("calibrate", "--market", "moon");
        Assert.Equal(2, code);
        Assert.Contains("market", error, StringComparison.Ordinal);
    }
}
