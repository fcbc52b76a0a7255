using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Tests.Session;

public class SingleProcessorTieringTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void OneProcessorWithTheRuntimesDefaultsGetsTheVariableToSet()
    {
        string? advice = SingleProcessorTiering.Advice(1, Environment());

        Assert.NotNull(advice);
        Assert.EndsWith("DOTNET_TC_DelaySingleProcMultiplier=1", advice, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', advice);
    }

    [Theory]
    [InlineData(2, "", "")]
    [InlineData(64, "", "")]
    [InlineData(1, "DOTNET_TC_DelaySingleProcMultiplier", "1")]
    [InlineData(1, "COMPlus_TC_DelaySingleProcMultiplier", "2")]
    [InlineData(1, "DOTNET_TieredCompilation", "0")]
    [InlineData(1, "DOTNET_TC_CallCountingDelayMs", "0")]
    [InlineData(1, "COMPlus_TC_AggressiveTiering", "1")]
    public void NoAdviceWhereTheDelayDoesNotApplyOrIsAlreadyChosen(int processors, string name, string value)
    {
        Assert.Null(SingleProcessorTiering.Advice(processors, Environment((name, value))));
    }

    [Fact]
    public void TieringLeftOnOrADelayKeptStillGetsTheAdvice()
    {
        Assert.NotNull(SingleProcessorTiering.Advice(1, Environment(("DOTNET_TieredCompilation", "1"), ("DOTNET_TC_CallCountingDelayMs", "100"))));
    }
}
