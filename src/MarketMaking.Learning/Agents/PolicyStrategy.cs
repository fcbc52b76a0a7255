using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Learning.Environments;
using MarketMaking.Strategies;

namespace MarketMaking.Learning.Agents;

/// <summary>
/// A trained policy as a quoting strategy, so backtests, simulations and reports use it as is:
/// the observation [q/Q_max, time left/T] is built from the context, the chosen action's depths
/// are quoted around the mid, and a side that would pass Q_max is not quoted.
/// </summary>
public sealed class PolicyStrategy(string name, IDiscretePolicy policy, EnvironmentSettings settings, double orderQuantity = 1) : IQuotingStrategy
{
    public string Name { get; } = name;

    public QuoteDecision Decide(in QuoteContext context)
    {
        double q = context.Inventory / orderQuantity;
        double timeLeft = double.IsFinite(context.TimeLeft) ? Math.Clamp(context.TimeLeft / settings.Market.Horizon, 0, 1) : 1;
        Span<float> observation = [(float)(q / settings.MaxInventory), (float)timeLeft];
        int action = policy.Act(observation);
        var decision = default(QuoteDecision);
        if (q < settings.MaxInventory - 0.5)
        {
            decision.Add(Side.Buy, context.Mid - settings.Actions.BidDepth(action), orderQuantity);
        }

        if (q > -settings.MaxInventory + 0.5)
        {
            decision.Add(Side.Sell, context.Mid + settings.Actions.AskDepth(action), orderQuantity);
        }

        return decision;
    }
}
