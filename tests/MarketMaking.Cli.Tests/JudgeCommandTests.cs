using System.Text.Json;
using MarketMaking.Tests.Samples;

namespace MarketMaking.Cli.Tests;

public class JudgeCommandTests
{
    [Theory]
    [InlineData("--split", "noon", "split")]
    [InlineData("--block", "7m", "block")]
    [InlineData("--strategy", "as,nope", "strategy")]
    public void ABadSettingIsOneLineNamingIt(string option, string value, string named)
    {
        var (code, output, error) = Mm.Run("judge", "--data", "missing.zip", "--format", "lobster", option, value);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void TheJsonHoldsEveryBlockAndPair()
    {
        string day = Path.Combine(SharedData.Folder!, "lobster/LOBSTER_SampleFile_GOOG_2012-06-21_10.zip");
        var (code, output, error) = Mm.Run("judge", "--data", day, "--format", "lobster", "--strategy", "as,glft,fixed", "--block", "2h", "--json");

        Assert.True(code == 0, error);
        Assert.Empty(error); // progress goes to a bar or the progress log, never into the output
        JsonElement root = JsonDocument.Parse(output).RootElement;
        JsonElement strategies = root.GetProperty("strategies");
        Assert.Equal(3, strategies.GetArrayLength());
        foreach (JsonElement strategy in strategies.EnumerateArray())
        {
            JsonElement blocks = strategy.GetProperty("blocks");
            Assert.Equal(["12:00–14:00", "14:00–16:00"], blocks.EnumerateArray().Select(b => b.GetProperty("block").GetString()));
            Assert.Equal(blocks.EnumerateArray().Sum(b => b.GetProperty("net_pnl").GetDouble()), strategy.GetProperty("net_pnl").GetDouble(), 9);
        }

        // glft and fixed against as; as and fixed against glft.
        Assert.Equal(4, root.GetProperty("comparisons").GetArrayLength());
        Assert.Equal(
            [("as", "glft"), ("as", "fixed"), ("glft", "as"), ("glft", "fixed")],
            root.GetProperty("comparisons").EnumerateArray().Select(c => (c.GetProperty("baseline").GetString(), c.GetProperty("candidate").GetString())));
        Assert.InRange(root.GetProperty("detector").GetProperty("test").GetProperty("auc").GetDouble(), 0, 1);
    }
}
