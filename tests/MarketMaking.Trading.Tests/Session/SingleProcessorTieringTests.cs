using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Tests.Session;

public class SingleProcessorTieringTests
{
    private static readonly Func<string, object?> NoRuntimeSetting = _ => null;

    private static Func<string, string?> Environment(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    private static Func<string, object?> RuntimeSetting(string name, object value) =>
        asked => asked == name ? value : null;

    [Fact]
    public void OneProcessorWithTheRuntimesDefaultsGetsTheVariableToSet()
    {
        string? advice = SingleProcessorTiering.Advice(1, Environment(), NoRuntimeSetting);

        Assert.NotNull(advice);
        Assert.Contains("start it with DOTNET_TC_DelaySingleProcMultiplier=1 (or System.Runtime.TieredCompilation.CallCountingDelayMs = 0 in its runtime configuration)", advice, StringComparison.Ordinal);
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
        Assert.Null(SingleProcessorTiering.Advice(processors, Environment((name, value)), NoRuntimeSetting));
    }

    [Fact]
    public void TieringLeftOnOrADelayKeptStillGetsTheAdvice()
    {
        Assert.NotNull(SingleProcessorTiering.Advice(1, Environment(("DOTNET_TieredCompilation", "1"), ("DOTNET_TC_CallCountingDelayMs", "100")), NoRuntimeSetting));
    }

    [Fact]
    public void NoDelayInTheRuntimeConfigurationNeedsNoAdvice()
    {
        // As runtimeconfig.json gives it (a number), and as a project's RuntimeHostConfigurationOption does (a string).
        Assert.Null(SingleProcessorTiering.Advice(1, Environment(), RuntimeSetting(SingleProcessorTiering.Knob, 0)));
        Assert.Null(SingleProcessorTiering.Advice(1, Environment(), RuntimeSetting(SingleProcessorTiering.Knob, "0")));
        Assert.NotNull(SingleProcessorTiering.Advice(1, Environment(), RuntimeSetting(SingleProcessorTiering.Knob, "100")));
    }

    [Fact]
    public void TheEnvironmentWinsOverTheRuntimeConfiguration()
    {
        // The runtime reads the variable first: a delay set there is the one in force.
        Assert.NotNull(SingleProcessorTiering.Advice(1, Environment(("DOTNET_TC_CallCountingDelayMs", "100")), RuntimeSetting(SingleProcessorTiering.Knob, "0")));
        Assert.Null(SingleProcessorTiering.Advice(1, Environment(("DOTNET_TC_CallCountingDelayMs", "0")), RuntimeSetting(SingleProcessorTiering.Knob, "100")));
    }
}
