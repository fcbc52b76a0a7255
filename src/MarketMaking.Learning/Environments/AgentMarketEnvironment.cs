using MarketMaking.Core.Accounting;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Core.Risk;
using MarketMaking.Signals.Features;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Engine;

namespace MarketMaking.Learning.Environments;

/// <summary>
/// The agent-based order book as a vectorized RL environment: each trajectory is its own market
/// (informed and noise traders, queues, latency) where our quotes rest as real orders. A step
/// quotes the action's depths around the mid for <see cref="AgentEnvironmentSettings.StepSeconds"/>;
/// the reward, in ticks, is the change in marked-to-market wealth minus φ·q²·dt (and α·q_T² at
/// the episode's end). Each episode runs on a fresh seed. Trajectories step in parallel.
/// Continuous actions (<see cref="StepDepths"/>) are depths in ticks, clamped into
/// <see cref="AgentEnvironmentSettings.Depths"/>; the order manager snaps the quotes to the tick grid
/// (bids down, asks up) as it does any strategy's, so a depth of 2.6 ticks quotes as 3 does.
/// </summary>
public sealed class AgentMarketEnvironment : IVectorEnvironment, IContinuousEnvironment
{
    private readonly AgentEnvironmentSettings _settings;
    private readonly AgentMarketParameters _market;
    private readonly Trajectory[] _trajectories;
    private readonly double[] _quotes;
    private readonly float[] _rewards;
    private readonly bool[] _ended;
    private ulong _seed;
    private long _episodes;

    public AgentMarketEnvironment(AgentEnvironmentSettings settings, int count)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _settings = settings.Validate();
        _market = settings.Market with { Duration = settings.EpisodeSeconds + settings.StepSeconds, DecisionInterval = settings.StepSeconds };
        _trajectories = new Trajectory[count];
        _quotes = new double[2 * count];
        _rewards = new float[count];
        _ended = new bool[count];
        Count = count;
    }

    public int Count { get; }

    public int ObservationSize => _settings.Observation.Size;

    public int ActionCount => _settings.Actions.Count;

    public DepthRange Depths => _settings.Depths;

    public void Reset(ulong seed, Span<float> observations)
    {
        _seed = seed;
        _episodes = 0;
        for (int i = 0; i < Count; i++)
        {
            _trajectories[i] = NewEpisode();
        }

        Observe(observations);
    }

    public void Step(ReadOnlySpan<int> actions, Span<float> observations, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        // Spans cannot enter the parallel lambda: the quotes go through a buffer the environment owns.
        for (int i = 0; i < Count; i++)
        {
            _quotes[2 * i] = _settings.Actions.BidDepth(actions[i]);
            _quotes[(2 * i) + 1] = _settings.Actions.AskDepth(actions[i]);
        }

        StepQuotes(observations, rewards, terminated, truncated);
    }

    public void StepDepths(ReadOnlySpan<double> depths, Span<float> observations, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        if (depths.Length < 2 * Count)
        {
            throw new ArgumentException($"expected {2 * Count} depths (bid, ask per trajectory), got {depths.Length}", nameof(depths));
        }

        DepthRange range = _settings.Depths;
        for (int k = 0; k < 2 * Count; k++)
        {
            _quotes[k] = Math.Clamp(depths[k], range.Min, range.Max) * _market.TickSize;
        }

        StepQuotes(observations, rewards, terminated, truncated);
    }

    /// <summary>Every trajectory quotes its pair of depths (price units) in <see cref="_quotes"/> for one step.</summary>
    private void StepQuotes(Span<float> observations, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        Parallel.For(0, Count, i => (_rewards[i], _ended[i]) = Advance(_trajectories[i], _quotes[2 * i], _quotes[(2 * i) + 1]));
        for (int i = 0; i < Count; i++)
        {
            rewards[i] = _rewards[i];
            terminated[i] = _ended[i];
            truncated[i] = false;
            if (_ended[i])
            {
                _trajectories[i] = NewEpisode();
            }
        }

        Observe(observations);
    }

    private (float Reward, bool Ended) Advance(Trajectory t, double bidDepth, double askDepth)
    {
        AgentMarket market = t.Market;
        double tick = _market.TickSize, lot = _market.LotSize;
        double q = t.Position / lot;
        var decision = default(QuoteDecision);
        if (q < _settings.MaxInventory - 0.5)
        {
            decision.Add(Side.Buy, market.Mid - bidDepth, lot);
        }

        if (q > -_settings.MaxInventory + 0.5)
        {
            decision.Add(Side.Sell, market.Mid + askDepth, lot);
        }

        double before = t.Cash + (t.Position * market.Mid);
        t.Orders.Apply(in decision, market.Mid, t.Position, market.BestBid, market.BestAsk, market);
        t.Step++;
        double until = t.Step * _settings.StepSeconds;
        while (market.Time < until - 1e-9 && !market.IsFinished)
        {
            t.Fills.Clear();
            market.Advance(t.Fills);
            foreach (Fill fill in t.Fills)
            {
                double signed = fill.Side == Side.Buy ? fill.Quantity : -fill.Quantity;
                t.Position += signed;
                t.Cash -= (signed * fill.Price) + fill.Fee;
                t.Orders.OnFill(in fill);
            }
        }

        q = t.Position / lot;
        double reward = ((t.Cash + (t.Position * market.Mid) - before) / tick) - (_settings.Phi * q * q * _settings.StepSeconds);
        bool ended = t.Step >= _settings.Steps;
        if (ended)
        {
            reward -= _settings.TerminalPenalty * q * q;
        }

        return ((float)reward, ended);
    }

    private Trajectory NewEpisode()
    {
        var market = new AgentMarket(_market, _seed + (ulong)_episodes++) { Features = new MarketFeatures(new MarketFeatureSettings()) };
        return new Trajectory(market, new OrderManager(market.Instrument, new RiskGate(RiskLimits.None)));
    }

    private void Observe(Span<float> observations)
    {
        int size = ObservationSize;
        for (int i = 0; i < Count; i++)
        {
            Trajectory t = _trajectories[i];
            double timeLeft = 1 - ((double)t.Step / _settings.Steps);
            _settings.Observation.Write(t.Position / _market.LotSize, _settings.MaxInventory, timeLeft, t.Market.FeatureValues, observations.Slice(i * size, size));
        }
    }

    private sealed class Trajectory(AgentMarket market, OrderManager orders)
    {
        public AgentMarket Market { get; } = market;

        public OrderManager Orders { get; } = orders;

        public List<Fill> Fills { get; } = new(8);

        public double Position { get; set; }

        public double Cash { get; set; }

        public int Step { get; set; }
    }
}
