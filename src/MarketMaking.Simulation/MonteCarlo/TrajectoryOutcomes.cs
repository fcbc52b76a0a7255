namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// What each trajectory of a Monte Carlo run ended with, one array per quantity (index =
/// trajectory). Sums over time are time-weighted: a state holds for the step that follows it.
/// </summary>
public sealed class TrajectoryOutcomes
{
    /// <summary>Memory each trajectory's outcomes take: 19 doubles (array headers aside).</summary>
    public const long BytesPerTrajectory = 19 * sizeof(double);

    public TrajectoryOutcomes(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Count = count;
        Pnl = new double[count];
        FinalInventory = new double[count];
        FinalMid = new double[count];
        Fees = new double[count];
        SlippageCost = new double[count];
        Fills = new double[count];
        Orders = new double[count];
        Turnover = new double[count];
        EdgeSum = new double[count];
        CaptureEdgeSum = new double[count];
        CaptureHalfSpreadSum = new double[count];
        QuotedSpreadSum = new double[count];
        QuotedSpreadSteps = new double[count];
        AbsInventoryTime = new double[count];
        LongSquaredInventoryTime = new double[count];
        ShortSquaredInventoryTime = new double[count];
        TimeAtLimit = new double[count];
        MaxAbsInventory = new double[count];
        MaxDrawdown = new double[count];
    }

    public int Count { get; }

    /// <summary>Net PnL: cash + q_T·S_T (after fees).</summary>
    internal double[] Pnl { get; }

    internal double[] FinalInventory { get; }

    internal double[] FinalMid { get; }

    /// <summary>Net fees paid (negative: rebates earned).</summary>
    internal double[] Fees { get; }

    /// <summary>What slippage cost: Σ |price moved|·quantity over fills.</summary>
    internal double[] SlippageCost { get; }

    internal double[] Fills { get; }

    /// <summary>Orders sent: a quote counts when its price changed, its size grew, or the previous one filled.</summary>
    internal double[] Orders { get; }

    internal double[] Turnover { get; }

    /// <summary>Σ edge·quantity over fills (edge per unit = distance from the mid earned).</summary>
    internal double[] EdgeSum { get; }

    /// <summary>Σ edge·quantity over fills made while both sides were quoted.</summary>
    internal double[] CaptureEdgeSum { get; }

    /// <summary>Σ (quoted spread / 2)·quantity over the same fills.</summary>
    internal double[] CaptureHalfSpreadSum { get; }

    internal double[] QuotedSpreadSum { get; }

    internal double[] QuotedSpreadSteps { get; }

    /// <summary>∫|q| dt.</summary>
    internal double[] AbsInventoryTime { get; }

    /// <summary>∫q² dt while long: with the short part, the running inventory penalty before its λ.</summary>
    internal double[] LongSquaredInventoryTime { get; }

    /// <summary>∫q² dt while short.</summary>
    internal double[] ShortSquaredInventoryTime { get; }

    internal double[] TimeAtLimit { get; }

    internal double[] MaxAbsInventory { get; }

    internal double[] MaxDrawdown { get; }

    public ReadOnlySpan<double> NetPnl => Pnl;

    /// <summary>The largest peak-to-trough fall of each trajectory's marked-to-market PnL.</summary>
    public ReadOnlySpan<double> Drawdowns => MaxDrawdown;

    public ReadOnlySpan<double> Inventory => FinalInventory;

    public ReadOnlySpan<double> LongSquaredInventory => LongSquaredInventoryTime;

    public ReadOnlySpan<double> ShortSquaredInventory => ShortSquaredInventoryTime;

    /// <summary>∫|q|dt of each trajectory.</summary>
    public ReadOnlySpan<double> AbsInventory => AbsInventoryTime;
}
