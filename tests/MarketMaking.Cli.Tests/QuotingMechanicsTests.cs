using System.Text.Json;

namespace MarketMaking.Cli.Tests;

public class QuotingMechanicsTests
{
    [Theory]
    [InlineData("--levels", "2-2", "OFFSET_TICKS:SIZE_FACTOR")]
    [InlineData("--levels", "0:1", "levels.offset")]
    [InlineData("--max-order-age", "0", "max-order-age")]
    [InlineData("--refresh-tolerance", "-1", "refresh-tolerance")]
    public void BadMechanicsAreOneLine(string option, string value, string expected)
    {
        var (code, _, error) = Mm.Run("simulate", "--market", "lob", "--strategy", "fixed", "--runs", "1", "--calibrate-seconds", "60", option, value, "--no-save");
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void RefreshToleranceKeepsOrdersThatMovedLittle()
    {
        // The same bar backtest with and without a 5-tick tolerance: kept orders mean fewer sent.
        int Orders(params string[] extra)
        {
            var (code, output, error) = Mm.Run(["backtest", "--data", SharedData.Klines, "--bars", "--strategy", "fixed", "--order-size", "0.001", "--json", "--no-save", .. extra]);
            Assert.Equal(0, code);
            Assert.Empty(error);
            return JsonDocument.Parse(output).RootElement.GetProperty("results")[0].GetProperty("orders").GetInt32();
        }

        Assert.True(Orders("--refresh-tolerance", "5") < Orders());
    }
}
