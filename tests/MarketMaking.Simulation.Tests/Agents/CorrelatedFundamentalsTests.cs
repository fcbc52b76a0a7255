using MarketMaking.Core.Errors;
using MarketMaking.Simulation.Agents;

namespace MarketMaking.Simulation.Tests.Agents;

public class CorrelatedFundamentalsTests
{
    private const int Steps = 3000;

    // Only the fundamental moves (no background trader reads or trades), at a constant volatility,
    // so the increments' correlation is exactly the factor's.
    private static readonly AgentMarketParameters Still = new()
    {
        Duration = Steps + 10,
        WarmUp = 0,
        Fundamental = new FundamentalParameters { Volatility = 0.05, VolatilityOfVolatility = 0 },
        Noise = new NoiseTraderParameters { LimitRate = 0, MarketRate = 0, CancelRate = 0 },
        Informed = new InformedTraderParameters { Rate = 0 },
        Momentum = new MomentumTraderParameters { Rate = 0 },
        Value = new ValueTraderParameters { Rate = 0 },
    };

    [Theory]
    [InlineData(0.8)]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    public void TwoBooksFundamentalIncrementsHaveTheCorrelationAskedFor(double rho)
    {
        var factor = new CorrelatedFundamentals(2, rho, 11);
        var first = new AgentMarket(Still, 1, factor, 0);
        var second = new AgentMarket(Still, 2, factor, 1);

        // The books are read in turn, each one second ahead, as the venue's loop advances them.
        var a = new double[Steps];
        var b = new double[Steps];
        for (int k = 0; k < Steps; k++)
        {
            first.AdvanceTo(k + 1);
            a[k] = first.Fundamental;
            second.AdvanceTo(k + 1);
            b[k] = second.Fundamental;
        }

        AssertCorrelation(rho, Increments(a), Increments(b));
    }

    [Fact]
    public void ABookReadLaterOnOffsetTimesSeesTheSamePathThroughTheBridge()
    {
        // The first book runs to the end before the second starts, and the second reads half a
        // second off the first's grid, so each of its reads falls inside the drawn path (the
        // Brownian bridge). Increments over [k, k+1] and [k+½, k+1½] overlap by half: ρ/2.
        const double rho = 0.9;
        var factor = new CorrelatedFundamentals(2, rho, 5);
        var first = new AgentMarket(Still, 1, factor, 0);
        var second = new AgentMarket(Still, 2, factor, 1);
        var a = new double[Steps];
        var b = new double[Steps];
        for (int k = 0; k < Steps; k++)
        {
            first.AdvanceTo(k + 1);
            a[k] = first.Fundamental;
        }

        for (int k = 0; k < Steps; k++)
        {
            second.AdvanceTo(k + 1.5);
            b[k] = second.Fundamental;
        }

        AssertCorrelation(rho / 2, Increments(a), Increments(b));
    }

    [Fact]
    public void TheFactorsIncrementsAddUpWhicheverOrderTheyAreRead()
    {
        var factor = new CorrelatedFundamentals(2, 0.5, 3);
        double whole = factor.Increment(0, 0, 4);
        double firstPart = factor.Increment(1, 0, 1.5);
        double secondPart = factor.Increment(1, 1.5, 4);
        Assert.Equal(whole, firstPart + secondPart, 12);
    }

    [Fact]
    public void SameSeedSamePath()
    {
        static double Read(ulong seed)
        {
            var factor = new CorrelatedFundamentals(2, 0.7, seed);
            var market = new AgentMarket(Still, 1, factor, 0);
            market.AdvanceTo(50);
            return market.Fundamental;
        }

        Assert.Equal(Read(4), Read(4));
        Assert.NotEqual(Read(4), Read(5));
    }

    [Theory]
    [InlineData(3, -0.2)]
    [InlineData(2, 1.5)]
    [InlineData(1, 0.5)]
    public void ImpossibleCorrelationsAreRefusedByName(int markets, double rho)
    {
        var error = Assert.Throws<InvalidParameterException>(() => new CorrelatedFundamentals(markets, rho, 1));
        Assert.Contains(markets < 2 ? "markets" : "correlation", error.Message, StringComparison.Ordinal);
    }

    private static double[] Increments(double[] levels) => [.. levels.Skip(1).Select((x, i) => x - levels[i])];

    /// <summary>
    /// The sample correlation r of n pairs: Fisher's z = atanh r is normal around atanh ρ with
    /// standard deviation 1/√(n − 3), whatever ρ; 4 of them make a false failure a 1-in-15,000 event.
    /// </summary>
    private static void AssertCorrelation(double rho, double[] x, double[] y)
    {
        double mx = x.Average();
        double my = y.Average();
        double sxy = x.Zip(y, (p, q) => (p - mx) * (q - my)).Sum();
        double sxx = x.Sum(p => (p - mx) * (p - mx));
        double syy = y.Sum(q => (q - my) * (q - my));
        double r = sxy / Math.Sqrt(sxx * syy);
        double tolerance = 4 / Math.Sqrt(x.Length - 3);
        Assert.InRange(Math.Atanh(r), Math.Atanh(rho) - tolerance, Math.Atanh(rho) + tolerance);
    }
}
