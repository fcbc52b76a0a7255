namespace MarketMaking.Strategies.Tests;

public class AllocationTests
{
    public static TheoryData<string> Names => [.. StrategyCatalog.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void DecideAllocatesNothing(string name)
    {
        var strategy = StrategyCatalog.Create(name, new StrategySettings());
        var checksum = 0.0;

        long allocated = SteadyState.AllocatedBytes(() => checksum += Run(strategy, 1000));

        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(checksum));
    }

    private static double Run(IQuotingStrategy strategy, int count)
    {
        var checksum = 0.0;
        for (var i = 0; i < count; i++)
        {
            var context = Contexts.At(100 + (i % 7), (i % 41) - 20, 1 - (i * 0.0009), volatility: 2);
            var decision = strategy.Decide(context);
            checksum += decision.BidCount + decision.AskCount;
        }

        return checksum;
    }
}
