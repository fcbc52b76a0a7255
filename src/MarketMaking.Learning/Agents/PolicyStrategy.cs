using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Learning.Environments;
using MarketMaking.Signals.Features;
using MarketMaking.Strategies;

namespace MarketMaking.Learning.Agents;

/// <summary>
/// A trained policy as a quoting strategy, so backtests, simulations and reports use it as is:
/// the observation is built from the context with the layout the policy was trained on, the
/// chosen action's depths (a grid action's, or a continuous policy's own) are quoted around the mid,
/// and a side that would pass Q_max is not quoted.
/// </summary>
public sealed class PolicyStrategy : IQuotingStrategy, IReadsMarketFeatures, IInventoryLimited
{
    private const int MaxObservation = 64;

    private readonly IDiscretePolicy? _policy;
    private readonly DepthGrid? _actions;
    private readonly IContinuousPolicy? _continuous;
    private readonly ObservationLayout _layout;
    private readonly int _maxInventory;
    private readonly double _horizon;
    private readonly double _orderQuantity;
    private readonly double _depthUnit = 1;

    public PolicyStrategy(string name, IDiscretePolicy policy, DepthGrid actions, int maxInventory, double horizon, ObservationLayout layout, double orderQuantity = 1)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(layout);
        Name = name;
        _policy = policy;
        _actions = actions;
        _layout = layout.Size <= MaxObservation ? layout : throw new ArgumentException($"at most {MaxObservation} observations", nameof(layout));
        _maxInventory = maxInventory;
        _horizon = horizon;
        _orderQuantity = orderQuantity;
    }

    /// <summary>
    /// A policy with continuous depths, quoted at its depths times <paramref name="depthUnit"/> (1 for
    /// the model market's price units; the tick size for a policy trained on the book, in ticks).
    /// </summary>
    public PolicyStrategy(string name, IContinuousPolicy policy, int maxInventory, double horizon, ObservationLayout layout, double orderQuantity = 1, double depthUnit = 1)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(layout);
        Name = name;
        _continuous = policy;
        _depthUnit = depthUnit > 0 ? depthUnit : throw new ArgumentOutOfRangeException(nameof(depthUnit), depthUnit, "a depth unit must be positive");
        _layout = layout.Size <= MaxObservation ? layout : throw new ArgumentException($"at most {MaxObservation} observations", nameof(layout));
        _maxInventory = maxInventory;
        _horizon = horizon;
        _orderQuantity = orderQuantity;
    }

    /// <summary>A continuous policy trained on a model-market environment.</summary>
    public PolicyStrategy(string name, IContinuousPolicy policy, EnvironmentSettings settings)
        : this(name, policy, settings.MaxInventory, settings.Market.Horizon, settings.Observation)
    {
    }

    /// <summary>A policy trained on a model-market environment.</summary>
    public PolicyStrategy(string name, IDiscretePolicy policy, EnvironmentSettings settings)
        : this(name, policy, settings.Actions, settings.MaxInventory, settings.Market.Horizon, settings.Observation)
    {
    }

    public string Name { get; }

    /// <summary>Q_max in instrument units: the side that would pass it is not quoted.</summary>
    public double InventoryLimit => _maxInventory * _orderQuantity;

    public MarketFeatureSettings? FeatureSettings => _layout.Features.Count > 0 ? new MarketFeatureSettings() : null;

    public QuoteDecision Decide(in QuoteContext context)
    {
        double q = context.Inventory / _orderQuantity;
        double timeLeft = double.IsFinite(context.TimeLeft) ? Math.Clamp(context.TimeLeft / _horizon, 0, 1) : 1;
        Span<float> observation = stackalloc float[MaxObservation];
        observation = observation[.._layout.Size];
        _layout.Write(q, _maxInventory, timeLeft, context.Features, observation);
        double bidDepth, askDepth;
        if (_continuous is not null)
        {
            (bidDepth, askDepth) = _continuous.Act(observation);
            (bidDepth, askDepth) = (bidDepth * _depthUnit, askDepth * _depthUnit);
        }
        else
        {
            int action = _policy!.Act(observation);
            (bidDepth, askDepth) = (_actions!.BidDepth(action), _actions.AskDepth(action));
        }

        var decision = default(QuoteDecision);
        if (q < _maxInventory - 0.5)
        {
            decision.Add(Side.Buy, context.Mid - bidDepth, _orderQuantity);
        }

        if (q > -_maxInventory + 0.5)
        {
            decision.Add(Side.Sell, context.Mid + askDepth, _orderQuantity);
        }

        return decision;
    }
}
