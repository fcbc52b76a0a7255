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
}
