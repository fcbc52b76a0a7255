using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using MarketMaking.Learning.Environments;
using MarketMaking.Research.Quoting;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Native;

/// <summary>
/// The C ABI (every function returns 0 or a count on success, −1 on failure with the reason from
/// mm_last_error). Arrays are the caller's memory (numpy buffers): environments read actions and
/// write observations, rewards and flags in place, so a step copies nothing across the boundary.
/// An environment is a handle from mm_env_create, released by mm_env_destroy.
/// </summary>
public static unsafe class Exports
{
    [ThreadStatic]
    private static string? _lastError;

    /// <summary>Copies the calling thread's last error (UTF-8, NUL-terminated, cut to fit) into buffer; returns its full length in bytes.</summary>
    [UnmanagedCallersOnly(EntryPoint = "mm_last_error", CallConvs = [typeof(CallConvCdecl)])]
    public static int LastError(byte* buffer, int capacity)
    {
        byte[] text = Encoding.UTF8.GetBytes(_lastError ?? string.Empty);
        if (capacity > 0)
        {
            int n = Math.Min(text.Length, capacity - 1);
            text.AsSpan(0, n).CopyTo(new Span<byte>(buffer, n));
            buffer[n] = 0;
        }

        return text.Length;
    }

    /// <summary>A vectorized environment: "cj" (the model market) or "lob" (the agent-based book, toxic preset) over num_envs trajectories.</summary>
    [UnmanagedCallersOnly(EntryPoint = "mm_env_create", CallConvs = [typeof(CallConvCdecl)])]
    public static nint EnvCreate(byte* name, int count) => Guard(() =>
    {
        string preset = Marshal.PtrToStringUTF8((nint)name) ?? string.Empty;
        return GCHandle.ToIntPtr(GCHandle.Alloc(NativeEnvironment.Create(preset, count)));
    }, 0);

    /// <summary>Writes [num_envs, observation_size, action_count, bid_count, ask_count] to info.</summary>
    [UnmanagedCallersOnly(EntryPoint = "mm_env_info", CallConvs = [typeof(CallConvCdecl)])]
    public static int EnvInfo(nint handle, int* info) => Guard(() =>
    {
        NativeEnvironment e = NativeEnvironment.Of(handle);
        info[0] = e.Environment.Count;
        info[1] = e.Environment.ObservationSize;
        info[2] = e.Environment.ActionCount;
        info[3] = e.Shape.Actions.BidCount;
        info[4] = e.Shape.Actions.AskCount;
        return 0;
    }, -1);

    /// <summary>Resets every trajectory on seed; observations: num_envs × observation_size floats.</summary>
    [UnmanagedCallersOnly(EntryPoint = "mm_env_reset", CallConvs = [typeof(CallConvCdecl)])]
    public static int EnvReset(nint handle, ulong seed, float* observations) => Guard(() =>
    {
        IVectorEnvironment env = NativeEnvironment.Of(handle).Environment;
        env.Reset(seed, new Span<float>(observations, env.Count * env.ObservationSize));
        return 0;
    }, -1);

    /// <summary>One step of every trajectory: actions (int32, num_envs, bid·ask_count + ask) in; observations, rewards (float32) and terminated, truncated (one byte each) out.</summary>
    [UnmanagedCallersOnly(EntryPoint = "mm_env_step", CallConvs = [typeof(CallConvCdecl)])]
    public static int EnvStep(nint handle, int* actions, float* observations, float* rewards, byte* terminated, byte* truncated) => Guard(() =>
    {
        IVectorEnvironment env = NativeEnvironment.Of(handle).Environment;
        int n = env.Count;
        env.Step(new ReadOnlySpan<int>(actions, n), new Span<float>(observations, n * env.ObservationSize), new Span<float>(rewards, n), new Span<bool>(terminated, n), new Span<bool>(truncated, n));
        return 0;
    }, -1);

    /// <summary>Writes the continuous depths' range [min, max] (price units on the model market, ticks on the book) to range.</summary>
    [UnmanagedCallersOnly(EntryPoint = "mm_env_depth_range", CallConvs = [typeof(CallConvCdecl)])]
    public static int EnvDepthRange(nint handle, double* range) => Guard(() =>
    {
        DepthRange depths = NativeEnvironment.Of(handle).Continuous.Depths;
        range[0] = depths.Min;
        range[1] = depths.Max;
        return 0;
    }, -1);

    /// <summary>One step with continuous quotes: depths (float64, num_envs × 2: bid then ask, clamped into the range) in; the rest as mm_env_step.</summary>
    [UnmanagedCallersOnly(EntryPoint = "mm_env_step_depths", CallConvs = [typeof(CallConvCdecl)])]
    public static int EnvStepDepths(nint handle, double* depths, float* observations, float* rewards, byte* terminated, byte* truncated) => Guard(() =>
    {
        IContinuousEnvironment env = NativeEnvironment.Of(handle).Continuous;
        int n = env.Count;
        env.StepDepths(new ReadOnlySpan<double>(depths, 2 * n), new Span<float>(observations, n * env.ObservationSize), new Span<float>(rewards, n), new Span<bool>(terminated, n), new Span<bool>(truncated, n));
        return 0;
    }, -1);

    /// <summary>Releases an environment.</summary>
    [UnmanagedCallersOnly(EntryPoint = "mm_env_destroy", CallConvs = [typeof(CallConvCdecl)])]
    public static void EnvDestroy(nint handle)
    {
        if (handle != 0)
        {
            GCHandle.FromIntPtr(handle).Free();
        }
    }

    /// <summary>
    /// A quoting model's depths (distance from mid; NaN where a side is not quoted) at time left tau,
    /// for inventories −max_inventory … max_inventory: writes q, bid, ask (capacity each) and returns the row count.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "mm_quotes", CallConvs = [typeof(CallConvCdecl)])]
    public static int Quotes(byte* model, double gamma, double sigma, double a, double kappa, double horizon, double dt, int maxInventory, double tau, double* q, double* bid, double* ask, int capacity) => Guard(() =>
    {
        StrategySettings settings = Settings(gamma, sigma, a, kappa, horizon, dt, maxInventory);
        IReadOnlyList<QuoteDepth> rows = QuoteDepths.For(StrategyCatalog.Create(Marshal.PtrToStringUTF8((nint)model) ?? string.Empty, settings), settings, tau);
        if (rows.Count > capacity)
        {
            throw new ArgumentException($"{rows.Count} rows do not fit in {capacity}");
        }

        for (int i = 0; i < rows.Count; i++)
        {
            q[i] = rows[i].Q;
            bid[i] = rows[i].Bid ?? double.NaN;
            ask[i] = rows[i].Ask ?? double.NaN;
        }

        return rows.Count;
    }, -1);

    /// <summary>
    /// The Monte Carlo engine: a strategy run on trajectories paths of the model market (σ, A, κ,
    /// horizon, dt) on seed; writes each path's net PnL and final inventory (trajectories doubles each).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "mm_monte_carlo", CallConvs = [typeof(CallConvCdecl)])]
    public static int MonteCarlo(byte* strategy, double gamma, double sigma, double a, double kappa, double horizon, double dt, int maxInventory, int trajectories, ulong seed, double* pnl, double* inventory) => Guard(() =>
    {
        StrategySettings settings = Settings(gamma, sigma, a, kappa, horizon, dt, maxInventory);
        var market = new ModelMarketParameters { Sigma = sigma, A = a, Kappa = kappa, Horizon = horizon, TimeStep = dt };
        var engine = new MonteCarloEngine(market, new MonteCarloSettings { Trajectories = trajectories, Seed = seed });
        var outcomes = new TrajectoryOutcomes(trajectories);
        engine.Run(StrategyCatalog.Create(Marshal.PtrToStringUTF8((nint)strategy) ?? string.Empty, settings), outcomes);
        outcomes.NetPnl.CopyTo(new Span<double>(pnl, trajectories));
        outcomes.Inventory.CopyTo(new Span<double>(inventory, trajectories));
        return 0;
    }, -1);

    private static StrategySettings Settings(double gamma, double sigma, double a, double kappa, double horizon, double dt, int maxInventory) =>
        new() { Gamma = gamma, Sigma = sigma, A = a, Kappa = kappa, Horizon = horizon, TimeStep = dt, MaxInventory = maxInventory };

    // No exception may cross the C boundary: it is kept for mm_last_error and the failure value returned.
    private static T Guard<T>(Func<T> body, T failure)
    {
        try
        {
            _lastError = null;
            return body();
        }
#pragma warning disable CA1031 // every exception becomes the caller's error code
        catch (Exception e)
#pragma warning restore CA1031
        {
            _lastError = e.Message;
            return failure;
        }
    }
}
