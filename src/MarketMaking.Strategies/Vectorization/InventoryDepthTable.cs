using MarketMaking.Core.Errors;
using MarketMaking.Core.Quoting;
using MarketMaking.Strategies.Numerics;

namespace MarketMaking.Strategies.Vectorization;

/// <summary>
/// Optimal bid and ask depths by time step and inventory, computed once so that a decision is two
/// array reads. Row j holds τ_j = T − j·dt (j = 0 … Steps − 1); step −1 is the stationary row
/// (τ → ∞) used in rolling mode. Inventory is counted in order-size multiples q = −Q … Q.
/// A NaN depth means the side is not quoted.
/// </summary>
public sealed class InventoryDepthTable
{
    // Caps memory (two arrays of doubles) at ~160 MB; a finer grid buys nothing over the model's accuracy.
    private const long MaxCells = 10_000_000;

    // Absorbs the rounding of T − timeLeft so a time exactly on the grid maps to its own row.
    private const double StepTolerance = 1e-6;

    // Value vectors are scaled to max 1; below this their products reach subnormal numbers and
    // lose digits (e.g. GLFT with the paper's parameters at Q = 199 errs by 0.3 in the edge depth).
    private const double SmallestComponent = 1e-290;

    private readonly double[] _bid;
    private readonly double[] _ask;
    private readonly int _width;
    private readonly int _offset;

    private InventoryDepthTable(int maxInventory, double horizon, double timeStep, int steps, double[] bid, double[] ask)
    {
        MaxInventory = maxInventory;
        Horizon = horizon;
        TimeStep = timeStep;
        Steps = steps;
        _bid = bid;
        _ask = ask;
        _width = (2 * maxInventory) + 1;

        // Row 0 of the arrays is the stationary row, so step s lives at row s + 1.
        _offset = _width + maxInventory;
    }

    /// <summary>Q: columns run over q = −Q … Q.</summary>
    public int MaxInventory { get; }

    /// <summary>T: time left of row 0.</summary>
    public double Horizon { get; }

    /// <summary>dt between rows.</summary>
    public double TimeStep { get; }

    /// <summary>Number of time rows, round(T/dt).</summary>
    public int Steps { get; }

    /// <summary>
    /// Row for a decision with <paramref name="timeLeft"/> to the horizon: floor((T − timeLeft)/dt)
    /// clamped to [0, Steps − 1]; −1 (stationary) for +∞ (rolling mode).
    /// </summary>
    public int StepFor(double timeLeft)
    {
        if (double.IsPositiveInfinity(timeLeft))
        {
            return -1;
        }

        var step = Math.Floor(((Horizon - timeLeft) / TimeStep) + StepTolerance);
        return (int)Math.Clamp(step, 0, Steps - 1);
    }

    /// <summary>
    /// Signed inventory q in order-size multiples, rounded to the nearest and clamped to [−Q, Q]:
    /// the column argument of <see cref="BidDepth"/> and <see cref="AskDepth"/>. Instance method
    /// because the clamp needs Q.
    /// </summary>
    public int InventoryIndex(double inventory, double orderQuantity) =>
        (int)Math.Clamp(Math.Round(inventory / orderQuantity), -MaxInventory, MaxInventory);

    /// <summary>Bid depth δ (bid = mid − δ) at a step (−1 = stationary) and inventory q ∈ [−Q, Q]; NaN at q = Q.</summary>
    public double BidDepth(int step, int inventoryIndex) => _bid[(step * _width) + inventoryIndex + _offset];

    /// <summary>Ask depth δ (ask = mid + δ) at a step (−1 = stationary) and inventory q ∈ [−Q, Q]; NaN at q = −Q.</summary>
    public double AskDepth(int step, int inventoryIndex) => _ask[(step * _width) + inventoryIndex + _offset];

    /// <summary>
    /// The quotes of a table strategy, by exactly the operations the vectorized market performs:
    /// row from time left, column from inventory, price = mid ∓ depth (a NaN depth drops the side).
    /// </summary>
    internal QuoteDecision Quote(in QuoteContext context, double orderQuantity)
    {
        var step = StepFor(context.TimeLeft);
        var inventory = InventoryIndex(context.Inventory, orderQuantity);
        return QuoteDecision.TwoSided(
            context.Mid - BidDepth(step, inventory),
            context.Mid + AskDepth(step, inventory),
            orderQuantity);
    }

    /// <summary>
    /// Table of the CARA/exponential models whose value function is v(τ) = exp(−Mτ)·terminal over
    /// q = −Q … Q: bid depth (1/κ)·ln(v_q/v_{q+1}) + offset, ask depth (1/κ)·ln(v_q/v_{q−1}) + offset.
    /// Horizon and time step are positive (the strategies' parameters are checked first).
    /// </summary>
    internal static InventoryDepthTable FromValueFunction(
        TridiagonalExponential generator,
        double[] terminal,
        int maxInventory,
        double horizon,
        double timeStep,
        double kappa,
        double offset)
    {
        var width = (2 * maxInventory) + 1;
        var steps = Math.Round(horizon / timeStep);
        if (steps < 1)
        {
            throw new InvalidParameterException("dt", $"must not exceed twice the horizon ({horizon}), got {timeStep}");
        }

        if ((steps + 1) * width > MaxCells)
        {
            throw new InvalidParameterException("dt", $"the depth table would hold {(steps + 1) * width:0} cells (limit {MaxCells}); raise dt, or lower horizon or max_inventory");
        }

        var rows = (int)steps;
        var values = new double[rows * width];

        // The grid runs forwards in τ from the last row (τ = T − (Steps − 1)·dt) to row 0 (τ = T).
        generator.ApplyOnGrid(terminal, horizon - ((rows - 1) * timeStep), timeStep, values);
        var bid = new double[(rows + 1) * width];
        var ask = new double[(rows + 1) * width];
        var stationary = new double[width];
        generator.Stationary(stationary);
        FillRow(stationary, bid.AsSpan(0, width), ask.AsSpan(0, width), kappa, offset);
        for (var j = 0; j < rows; j++)
        {
            var source = values.AsSpan((rows - 1 - j) * width, width);
            FillRow(source, bid.AsSpan((j + 1) * width, width), ask.AsSpan((j + 1) * width, width), kappa, offset);
        }

        return new InventoryDepthTable(maxInventory, horizon, timeStep, rows, bid, ask);
    }

    private static void FillRow(ReadOnlySpan<double> value, Span<double> bid, Span<double> ask, double kappa, double offset)
    {
        var last = value.Length - 1;
        for (var i = 0; i <= last; i++)
        {
            bid[i] = i == last ? double.NaN : Depth(value[i], value[i + 1], kappa, offset);
            ask[i] = i == 0 ? double.NaN : Depth(value[i], value[i - 1], kappa, offset);
        }
    }

    private static double Depth(double value, double neighbour, double kappa, double offset) =>
        value >= SmallestComponent && neighbour >= SmallestComponent
            ? (Math.Log(value / neighbour) / kappa) + offset
            : throw new InvalidParameterException("max_inventory", "the value function spans more than 290 orders of magnitude across inventories, beyond double precision; lower max_inventory or the inventory penalties");
}
