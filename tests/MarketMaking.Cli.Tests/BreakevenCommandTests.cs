using System.Text.Json;

namespace MarketMaking.Cli.Tests;

public class BreakevenCommandTests
{
    [Fact]
    public void PrintsTheMinimumSpreadAndDailyPnl()
    {
        // Rebate 0.5 bp, slippage 1 bp, target 2 bp: 2 + 2·(−0.5 + 1) = 3 bp; one taker leg: 2·(2 − 0.5 + 5 + 2) = 17 bp.
        // 2,000 fills of 5,000 at 3 bp: 1,000 round trips × 5,000 × 2 bp = 1,000.
        var (code, output, error) = Mm.Run("breakeven", "--maker-fee-bps", "-0.5", "--taker-fee-bps", "5", "--slippage-bps", "1", "--target-bps", "2", "--trades-per-day", "2000", "--trade-size", "5000", "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3, root.GetProperty("minimum_spread_bps").GetDouble(), 12);
        Assert.Equal(17, root.GetProperty("minimum_spread_with_taker_exit_bps").GetDouble(), 12);
        Assert.Equal(1000, root.GetProperty("daily_pnl").GetDouble(), 9);
    }

    [Fact]
    public void NegativeSlippageIsAOneLineError()
    {
        var (code, _, error) = Mm.Run("breakeven", "--slippage-bps", "-2");
        Assert.Equal(2, code);
        Assert.Contains("slippage-bps", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Fees are fee rates in bp (the bounds every fee rate has), and a quoted spread cannot be below
    /// zero or undefined: each ran and printed a negative, NaN or infinite spread.
    /// </summary>
    [Fact]
    public void FeesOutsideTheirRangeAndSpreadsThatCannotBeQuotedAreRefused()
    {
        foreach ((string[] args, string message) in new[]
        {
            (new[] { "--maker-fee-bps", "-20000" }, "invalid maker-fee-bps: must be a fee in bp of the notional in (−10000, 10000); negative: a rebate, got -20000"),
            (new[] { "--maker-fee-bps", "10000" }, "invalid maker-fee-bps: must be a fee in bp of the notional in (−10000, 10000); negative: a rebate, got 10000"),
            (new[] { "--maker-fee-bps", "NaN" }, "invalid maker-fee-bps: must be a fee in bp of the notional in (−10000, 10000); negative: a rebate, got NaN"),
            (new[] { "--taker-fee-bps", "-1" }, "invalid taker-fee-bps: must be a fee in bp of the notional in [0, 10000), got -1"),
            (new[] { "--spread-bps", "-1" }, "invalid spread-bps: must be zero or positive, got -1"),
            (new[] { "--spread-bps", "NaN" }, "invalid spread-bps: must be zero or positive, got NaN"),
            (new[] { "--spread-bps", "Infinity" }, "invalid spread-bps: must be zero or positive, got Infinity"),
        })
        {
            var (code, output, error) = Mm.Run(["breakeven", .. args]);
            Assert.Equal(2, code);
            Assert.Equal($"error: {message}", error.Trim());
            Assert.Equal(string.Empty, output);
        }

        // The bounds themselves are fees: a rebate just above −10,000 bp and a zero taker fee run.
        var (ok, _, _) = Mm.Run("breakeven", "--maker-fee-bps", "-9999", "--taker-fee-bps", "0");
        Assert.Equal(0, ok);
    }
}
