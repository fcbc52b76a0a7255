using MarketMaking.Core.Quoting;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Environments;

namespace MarketMaking.Learning.Tests.Environments;

public class PolicyStrategyTests
{
    private static readonly EnvironmentSettings Settings = EnvironmentPresets.CarteaJaimungal;

    /// <summary>Long: bid deep (index 5 = 1.2) and ask close (index 1 = 0.4); otherwise both at 0.2. Remembers what it saw.</summary>
    private sealed class LeanAgainstInventory : IDiscretePolicy
    {
        public float[] Seen { get; } = new float[2];

        public int Act(ReadOnlySpan<float> observation)
        {
            observation.CopyTo(Seen);
            return observation[0] > 0 ? Settings.Actions.Action(5, 1) : Settings.Actions.Action(0, 0);
        }
    }

    [Fact]
    public void BuildsTheTrainingObservationAndQuotesTheChosenDepths()
    {
        var policy = new LeanAgainstInventory();
        var strategy = new PolicyStrategy("lean", policy, Settings);

        // q = 2 of Q_max 10, a quarter of T = 1 left.
        QuoteDecision decision = strategy.Decide(new QuoteContext { Mid = 100, Inventory = 2, TimeLeft = 0.25 });
        Assert.Equal([0.2f, 0.25f], policy.Seen);
        Assert.Equal(98.8, decision.Bids[0].Price, 12);
        Assert.Equal(100.4, decision.Asks[0].Price, 12);

        QuoteDecision flat = strategy.Decide(new QuoteContext { Mid = 100, Inventory = 0, TimeLeft = 1 });
        Assert.Equal(99.8, flat.Bids[0].Price, 12);
        Assert.Equal(100.2, flat.Asks[0].Price, 12);
    }

    [Fact]
    public void DoesNotQuoteTheSideThatWouldPassTheLimit()
    {
        var strategy = new PolicyStrategy("lean", new LeanAgainstInventory(), Settings);
        QuoteDecision atLimit = strategy.Decide(new QuoteContext { Mid = 100, Inventory = 10, TimeLeft = 0.5 });
        Assert.Equal((0, 1), (atLimit.BidCount, atLimit.AskCount));
    }

    /// <summary>Continuous: bid 0.37 + q, ask 1.13 − 0.5·time left (depths no grid holds).</summary>
    private sealed class Continuous : IContinuousPolicy
    {
        public (double BidDepth, double AskDepth) Act(ReadOnlySpan<float> observation) => (0.37 + observation[0], 1.13 - (0.5 * observation[1]));
    }

    [Fact]
    public void QuotesAContinuousPolicysOwnDepthsAndKeepsTheLimit()
    {
        var strategy = new PolicyStrategy("smooth", new Continuous(), Settings);

        // q = 3 → observation 0.3: bid 100 − 0.67; half of T left → ask 100 + 0.88.
        QuoteDecision decision = strategy.Decide(new QuoteContext { Mid = 100, Inventory = 3, TimeLeft = 0.5 });
        Assert.Equal(99.33, decision.Bids[0].Price, 6);
        Assert.Equal(100.88, decision.Asks[0].Price, 6);

        QuoteDecision atLimit = strategy.Decide(new QuoteContext { Mid = 100, Inventory = -10, TimeLeft = 0.5 });
        Assert.Equal((1, 0), (atLimit.BidCount, atLimit.AskCount));
    }

    [Fact]
    public void AContinuousPolicyTrainedInTicksQuotesItsDepthsTimesTheTickSize()
    {
        // The same policy read as ticks of 0.01 (a book-trained one): bid 0.67 ticks, ask 0.88 ticks.
        var strategy = new PolicyStrategy("ticks", new Continuous(), 10, 1, ObservationLayout.InventoryAndTime, 1, depthUnit: 0.01);
        QuoteDecision decision = strategy.Decide(new QuoteContext { Mid = 100, Inventory = 3, TimeLeft = 0.5 });
        Assert.Equal(99.9933, decision.Bids[0].Price, 9);
        Assert.Equal(100.0088, decision.Asks[0].Price, 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolicyStrategy("ticks", new Continuous(), 10, 1, ObservationLayout.InventoryAndTime, 1, depthUnit: 0));
    }
}
