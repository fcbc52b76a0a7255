using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MarketMaking.Core.Randomness;
using MarketMaking.Simulation.Model;

namespace MarketMaking.Learning.Environments;

/// <summary>
/// The model market as a vectorized RL environment: N trajectories of the Avellaneda–Stoikov
/// dynamics (the same step as the Monte Carlo engine: quotes fixed, fills drawn against the
/// current mid, then the mid moves), one xoshiro stream per trajectory. Observation:
/// [q/Q_max, time left/T]. Reward per step: the change in marked-to-market wealth minus the
/// chosen penalty. Fill probabilities are tabulated per depth, so a step is a few random draws and
/// additions per trajectory, with no allocation. With AVX2 and the binomial mid, a discrete step
/// runs four trajectories per instruction (<see cref="ScalarRandomLanes"/>; the same numbers bit for
/// bit). Continuous depths (<see cref="StepDepths"/>) pay one exponential per side instead of the
/// table look-up.
/// </summary>
public sealed class ModelMarketEnvironment : IVectorEnvironment, IContinuousEnvironment
{
    public const int Features = 2;

    private readonly EnvironmentSettings _settings;
    private readonly double[] _bidFill;
    private readonly double[] _askFill;
    private readonly double[] _bidDepth;
    private readonly double[] _askDepth;
    private readonly int[] _inventory;
    private readonly double[] _mid;
    private readonly ScalarRandom[] _random;
    private readonly double _shock;
    private readonly double _runningPenalty;
    private readonly double _terminalPenalty;
    private readonly double _damping;
    private readonly ActionTable _byAction;
    private readonly bool _gaussian;
    private readonly int _steps;
    private readonly int _exploringStarts;
    private int _step;

    public ModelMarketEnvironment(EnvironmentSettings settings, int count)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _settings = settings.Validate();
        Count = count;
        ModelMarketParameters m = settings.Market;
        double dt = m.TimeStep;
        _bidDepth = [.. settings.Actions.BidDepths];
        _askDepth = [.. settings.Actions.AskDepths];
        _bidFill = [.. _bidDepth.Select(d => FillProbability(m, d))];
        _askFill = [.. _askDepth.Select(d => FillProbability(m, d))];
        _inventory = new int[count];
        _mid = new double[count];
        _random = new ScalarRandom[count];
        _shock = m.Sigma * Math.Sqrt(dt);
        _runningPenalty = settings.Reward == RewardKind.RunningPenalty ? settings.Phi * dt : 0;
        _terminalPenalty = settings.Reward == RewardKind.RunningPenalty ? settings.TerminalPenalty : 0;
        _damping = settings.Reward == RewardKind.Dampened ? settings.Damping : 0;
        _byAction = new ActionTable(_bidDepth, _bidFill, _askDepth, _askFill);
        _gaussian = m.Shock == MidShock.Gaussian;
        _steps = settings.Steps;
        _exploringStarts = settings.ExploringStartInventory;
    }

    public int Count { get; }

    public int ObservationSize => Features;

    public int ActionCount => _settings.Actions.Count;

    public EnvironmentSettings Settings => _settings;

    public DepthRange Depths => _settings.Depths;

    /// <summary>Inventory of each trajectory now (for diagnostics and tests).</summary>
    public ReadOnlySpan<int> Inventory => _inventory;

    /// <summary>Probability that a quote at <paramref name="depth"/> fills in one step, as the model market draws it.</summary>
    public static double FillProbability(ModelMarketParameters market, double depth)
    {
        ArgumentNullException.ThrowIfNull(market);
        double intensityStep = market.A * Math.Exp(-market.Kappa * depth) * market.TimeStep;
        return market.FillRule == FillRule.Exact ? 1 - Math.Exp(-intensityStep) : Math.Min(1, intensityStep);
    }

    public void Reset(ulong seed, Span<float> observations)
    {
        for (int i = 0; i < Count; i++)
        {
            _random[i] = new ScalarRandom(seed, i);
            _inventory[i] = StartInventory(ref _random[i]);
            _mid[i] = _settings.Market.InitialMid;
        }

        _step = 0;
        Observe(observations);
    }

    // Compiled fully optimized at once, as StepLanes: dynamic PGO's tier-1 code for the two ran 3.5× slower
    // (`mm bench env`, one thread: 66 M against 233 M trajectory-steps/s).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(ReadOnlySpan<int> actions, Span<float> observations, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        if (actions.Length < Count || rewards.Length < Count || observations.Length < Count * Features)
        {
            throw new ArgumentException($"expected {Count} actions and rewards and {Count * Features} observations, got {actions.Length}, {rewards.Length} and {observations.Length}");
        }

        int asks = _askDepth.Length;
        bool last = _step + 1 == _steps;
        _step = last ? 0 : _step + 1;
        int start = _gaussian || !ScalarRandomLanes.IsSupported ? 0 : StepLanes(actions, rewards, observations, last);
        for (int i = start; i < Count; i++)
        {
            int action = _byAction.Checked(actions[i], i);
            int bid = action / asks, ask = action - (bid * asks);
            rewards[i] = Transition(i, _bidDepth[bid], _bidFill[bid], _askDepth[ask], _askFill[ask], last);
        }

        terminated[..Count].Fill(last);
        truncated[..Count].Clear();
        if (last && _exploringStarts > 0)
        {
            ExploreStarts();
            start = 0;
        }

        Observe(observations, start);
    }

    public void StepDepths(ReadOnlySpan<double> depths, Span<float> observations, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        if (depths.Length < 2 * Count)
        {
            throw new ArgumentException($"expected {2 * Count} depths (bid, ask per trajectory), got {depths.Length}", nameof(depths));
        }

        DepthRange range = _settings.Depths;
        ModelMarketParameters market = _settings.Market;
        bool last = _step + 1 == _steps;
        for (int i = 0; i < Count; i++)
        {
            double bid = Math.Clamp(depths[2 * i], range.Min, range.Max), ask = Math.Clamp(depths[(2 * i) + 1], range.Min, range.Max);
            rewards[i] = Transition(i, bid, FillProbability(market, bid), ask, FillProbability(market, ask), last);
            terminated[i] = last;
            truncated[i] = false;
        }

        if (last && _exploringStarts > 0)
        {
            ExploreStarts();
        }

        _step = last ? 0 : _step + 1;
        Observe(observations);
    }

    /// <summary>
    /// The first inventory of an episode: <see cref="EnvironmentSettings.InitialInventory"/>, or with
    /// exploring starts a uniform draw from −Q…Q on the trajectory's stream.
    /// </summary>
    private int StartInventory(ref ScalarRandom random) =>
        _exploringStarts > 0 ? random.NextInt((2 * _exploringStarts) + 1) - _exploringStarts : _settings.InitialInventory;

    /// <summary>New episodes' inventories for every trajectory (all end together), each drawn after its last step's draws.</summary>
    private void ExploreStarts()
    {
        for (int i = 0; i < Count; i++)
        {
            _inventory[i] = StartInventory(ref _random[i]);
        }
    }

    /// <summary>One step of trajectory <paramref name="i"/> with these quotes; returns its reward.</summary>
    private float Transition(int i, double bidDepth, double bidFill, double askDepth, double askFill, bool last)
    {
        int limit = _settings.MaxInventory;
        ref ScalarRandom random = ref _random[i];
        double bidDraw = random.NextUniform(), askDraw = random.NextUniform();
        int q = _inventory[i];
        double reward = 0;

        // Fills earn their depth against the mid; a side at the limit is not quoted.
        if (q < limit && bidDraw < bidFill)
        {
            q++;
            reward += bidDepth;
        }

        if (q > -limit && askDraw < askFill)
        {
            q--;
            reward += askDepth;
        }

        double move = _gaussian ? _shock * random.NextNormal() : random.NextBool() ? _shock : -_shock;
        _mid[i] += move;
        double inventoryGain = q * move;
        reward += inventoryGain - (_runningPenalty * q * q) - (_damping * Math.Max(0, inventoryGain));
        if (last)
        {
            reward -= _terminalPenalty * q * q;
            q = _settings.InitialInventory;
            _mid[i] = _settings.Market.InitialMid;
        }

        _inventory[i] = q;
        return (float)reward;
    }

    /// <summary>
    /// <see cref="Transition"/> for the binomial mid, four trajectories at a time, the same operations
    /// in the same order on every lane; returns how many trajectories it stepped (the rest, fewer than
    /// four, take the scalar path).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int StepLanes(ReadOnlySpan<int> actions, Span<float> rewards, Span<float> observations, bool last)
    {
        const int Width = 4;
        Vector128<float> timeLeft = Vector128.Create(TimeLeft), scale = Vector128.Create(1f / _settings.MaxInventory);
        Vector256<long> limit = Vector256.Create((long)_settings.MaxInventory), floor = -limit;
        Vector256<double> shock = Vector256.Create(_shock), runningPenalty = Vector256.Create(_runningPenalty), damping = Vector256.Create(_damping);
        int whole = Count - (Count % Width);
        for (int i = 0; i < whole; i += Width)
        {
            _byAction.Look(actions.Slice(i, Width), i, out Vector256<double> bidDepth, out Vector256<long> bidThreshold, out Vector256<double> askDepth, out Vector256<long> askThreshold);
            var random = ScalarRandomLanes.Load(_random, i);
            Vector256<long> q = Avx2.ConvertToVector256Int64(Vector128.LoadUnsafe(ref _inventory[i]));

            // A fill is a mask of all ones: subtracting it adds one.
            Vector256<long> bought = Vector256.LessThan(q, limit) & Vector256.LessThan(random.NextUniformInteger(), bidThreshold);
            q -= bought;
            Vector256<long> sold = Vector256.GreaterThan(q, floor) & Vector256.LessThan(random.NextUniformInteger(), askThreshold);
            q += sold;
            Vector256<double> reward = (bidDepth & bought.AsDouble()) + (askDepth & sold.AsDouble());

            Vector256<double> move = Vector256.ConditionalSelect(random.NextBoolMask().AsDouble(), shock, -shock);
            random.Store(_random, i);
            Vector256<double> mid = Vector256.LoadUnsafe(ref _mid[i]) + move;
            Vector256<double> inventory = ExactDouble(q);
            Vector256<double> inventoryGain = inventory * move;
            Vector256<double> gainOnly = inventoryGain & Vector256.GreaterThan(inventoryGain, Vector256<double>.Zero);
            reward += inventoryGain - (runningPenalty * inventory * inventory) - (damping * gainOnly);
            if (last)
            {
                reward -= Vector256.Create(_terminalPenalty) * inventory * inventory;
                q = Vector256.Create((long)_settings.InitialInventory);
                mid = Vector256.Create(_settings.Market.InitialMid);
            }

            mid.StoreUnsafe(ref _mid[i]);
            Avx2.PermuteVar8x32(q.AsInt32(), Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6)).GetLower().StoreUnsafe(ref _inventory[i]);
            Avx.ConvertToVector128Single(reward).StoreUnsafe(ref rewards[i]);

            // Observations of the four, [q/Q_max, time left] each, as Observe writes them.
            Vector128<float> scaled = Avx.ConvertToVector128Single(ExactDouble(q)) * scale;
            Sse.UnpackLow(scaled, timeLeft).StoreUnsafe(ref observations[Features * i]);
            Sse.UnpackHigh(scaled, timeLeft).StoreUnsafe(ref observations[(Features * i) + Width]);
        }

        return whole;
    }

    /// <summary>A small integer as a double, exactly: its bits under the exponent of 1.5 · 2⁵², minus that number.</summary>
    private static Vector256<double> ExactDouble(Vector256<long> q)
    {
        const double Magic = 6755399441055744.0;
        return (q + Vector256.Create(BitConverter.DoubleToInt64Bits(Magic))).AsDouble() - Vector256.Create(Magic);
    }

    // Time left after the step just taken (the counter has moved on).
    private float TimeLeft => (float)(_steps - _step) / _steps;

    /// <summary>Observations of trajectories <paramref name="first"/> onwards.</summary>
    private void Observe(Span<float> observations, int first = 0)
    {
        float timeLeft = TimeLeft;
        float scale = 1f / _settings.MaxInventory;
        for (int i = first; i < Count; i++)
        {
            observations[i * Features] = _inventory[i] * scale;
            observations[(i * Features) + 1] = timeLeft;
        }
    }
}
