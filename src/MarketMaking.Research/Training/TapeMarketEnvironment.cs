using MarketMaking.Core.Accounting;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Core.Randomness;
using MarketMaking.Core.Risk;
using MarketMaking.Learning.Environments;
using MarketMaking.Research.Replay;
using MarketMaking.Signals.Features;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Replay;

namespace MarketMaking.Research.Training;

/// <summary>
/// A recorded order-by-order day as a vectorized RL environment: each trajectory is a window of
/// the tape (start drawn from the seed, anywhere in [from, until − episode]) replayed by a
/// <see cref="ReplayMarket"/> of the session, so our quotes join the real queues with the session's
/// latency exactly as in <c>mm backtest</c>. The day before the window is replayed untraded (book
/// and features rebuilt), and no stream reaches past the window's end, so nothing at or after
/// <c>until</c> is ever read. A step quotes the action's depths around the mid and replays until
/// <see cref="TapeEnvironmentSettings.StepSeconds"/> have passed since the decision (the event
/// loop's rule for a decision interval); the reward, in ticks, is the change in marked-to-market
/// wealth (fees included) minus φ·q²·dt. An episode ends after its steps or with its window.
/// </summary>
public sealed class TapeMarketEnvironment : IVectorEnvironment
{
    private readonly ReplayEvents _events;
    private readonly ReplaySession _session;
    private readonly TapeEnvironmentSettings _settings;
    private readonly long _from;
    private readonly long _latestStart;
    private readonly long _episode;
    private readonly double _tick;
    private readonly double _lot;
    private readonly Trajectory?[] _trajectories;
    private readonly int[] _actions;
    private readonly float[] _rewards;
    private readonly bool[] _ended;
    private ulong _seed;
    private long _fills;

    /// <param name="events">The day.</param>
    /// <param name="session">Queues, latency, requote interval (its calibration window is ignored: windows start where drawn).</param>
    /// <param name="from">Earliest window start (UTC ns, e.g. the open).</param>
    /// <param name="until">No window reaches past it (UTC ns, e.g. the split).</param>
    /// <param name="settings">Actions, observation, episode length, step, φ.</param>
    /// <param name="count">Trajectories (windows) stepped together.</param>
    /// <exception cref="InvalidParameterException">[from, until) is shorter than an episode.</exception>
    public TapeMarketEnvironment(ReplayEvents events, ReplaySession session, long from, long until, TapeEnvironmentSettings settings, int count)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _events = events;
        _session = session;
        _settings = settings.Validate();
        _episode = (long)(settings.EpisodeSeconds * 1e9);
        _from = Math.Max(from, events.First);
        _latestStart = until - _episode;
        if (_latestStart < _from)
        {
            throw new InvalidParameterException("until", $"the tape from its start to the end of training holds {Math.Max(0, until - _from) / 1e9:G4} s, less than one episode ({settings.EpisodeSeconds:G} s)");
        }

        _tick = session.DataInstrument.TickSize;
        _lot = session.DataInstrument.LotSize;
        _trajectories = new Trajectory?[count];
        _actions = new int[count];
        _rewards = new float[count];
        _ended = new bool[count];
        Count = count;
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public int ObservationSize => _settings.Observation.Size;

    /// <inheritdoc/>
    public int ActionCount => _settings.Actions.Count;

    /// <summary>Our fills in every trajectory since the last reset (how much the agent trades while it learns).</summary>
    public long Fills => Interlocked.Read(ref _fills);

    /// <summary>Local time (UTC ns) of trajectory <paramref name="index"/>'s current window start, as drawn.</summary>
    public long WindowStart(int index) => _trajectories[index]?.Start ?? throw new InvalidOperationException("reset the environment first");

    /// <inheritdoc/>
    public void Reset(ulong seed, Span<float> observations)
    {
        _seed = seed;
        _fills = 0;
        Parallel.For(0, Count, i => _trajectories[i] = NewEpisode(i, 0));
        Observe(observations);
    }

    /// <inheritdoc/>
    public void Step(ReadOnlySpan<int> actions, Span<float> observations, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        for (int i = 0; i < Count; i++)
        {
            _actions[i] = (uint)actions[i] < (uint)ActionCount
                ? actions[i]
                : throw new ArgumentOutOfRangeException(nameof(actions), $"action {actions[i]} of trajectory {i} is outside 0 … {ActionCount - 1}");
        }

        // A window that ends is replaced at once (its warm-up replay is the costly part, so in parallel too).
        Parallel.For(0, Count, i =>
        {
            Trajectory t = _trajectories[i] ?? throw new InvalidOperationException("reset the environment first");
            (_rewards[i], _ended[i]) = Advance(t, _actions[i]);
            if (_ended[i])
            {
                _trajectories[i] = NewEpisode(i, t.Episode + 1);
            }
        });
        for (int i = 0; i < Count; i++)
        {
            rewards[i] = _rewards[i];
            terminated[i] = _ended[i];
            truncated[i] = false;
        }

        Observe(observations);
    }

    private (float Reward, bool Ended) Advance(Trajectory t, int action)
    {
        ReplayMarket market = t.Market;
        double q = t.Position / _lot;
        var decision = default(QuoteDecision);
        if (q < _settings.MaxInventory - 0.5)
        {
            decision.Add(Side.Buy, market.Mid - _settings.Actions.BidDepth(action), _lot);
        }

        if (q > -_settings.MaxInventory + 0.5)
        {
            decision.Add(Side.Sell, market.Mid + _settings.Actions.AskDepth(action), _lot);
        }

        double before = t.Cash + (t.Position * market.Mid);
        t.Orders.Time = market.Time;
        t.Orders.Apply(in decision, market.Mid, t.Position, market.BestBid, market.BestAsk, market);
        t.Step++;
        double until = market.Time + _settings.StepSeconds;
        while (market.Time < until && !market.IsFinished)
        {
            t.Fills.Clear();
            market.Advance(t.Fills);
            Interlocked.Add(ref _fills, t.Fills.Count);
            foreach (Fill fill in t.Fills)
            {
                double signed = fill.Side == Side.Buy ? fill.Quantity : -fill.Quantity;
                t.Position += signed;
                t.Cash -= (signed * fill.Price) + fill.Fee;
                t.Orders.OnFill(in fill);
            }
        }

        q = t.Position / _lot;
        double reward = ((t.Cash + (t.Position * market.Mid) - before) / _tick) - (_settings.Phi * q * q * _settings.StepSeconds);
        return ((float)reward, t.Step >= _settings.Steps || market.IsFinished);
    }

    /// <summary>Trajectory <paramref name="index"/>'s episode <paramref name="episode"/>: its window drawn from (seed, index, episode) alone, so trajectories may start episodes in any order.</summary>
    private Trajectory NewEpisode(int index, long episode)
    {
        ulong key = SplitMix64.StreamKey(_seed, (episode * Count) + index);
        double u = (key >> 11) * (1.0 / (1UL << 53));
        long start = _from + (long)(u * (_latestStart - _from));
        ReplayMarket market = _session.Market(_events.Source(start + _episode), new MarketFeatureSettings(), startAfter: start - _events.First);
        return new Trajectory(market, new OrderManager(market.Instrument, new RiskGate(RiskLimits.None)), start, episode);
    }

    private void Observe(Span<float> observations)
    {
        int size = ObservationSize;
        for (int i = 0; i < Count; i++)
        {
            Trajectory t = _trajectories[i]!;
            _settings.Observation.Write(t.Position / _lot, _settings.MaxInventory, timeLeft: 1, t.Market.FeatureValues, observations.Slice(i * size, size));
        }
    }

    private sealed class Trajectory(ReplayMarket market, OrderManager orders, long start, long episode)
    {
        public ReplayMarket Market { get; } = market;

        public OrderManager Orders { get; } = orders;

        public long Start { get; } = start;

        public long Episode { get; } = episode;

        public List<Fill> Fills { get; } = new(8);

        public double Position { get; set; }

        public double Cash { get; set; }

        public int Step { get; set; }
    }
}
