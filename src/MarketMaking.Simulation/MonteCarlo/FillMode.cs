namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// How a run of steps decides fills, as a struct type argument: the JIT compiles the step loop once
/// per mode, so the table's loop holds no call (the exponentials are calls, and every vector live
/// across a call is spilled to the stack).
/// </summary>
internal interface IFillMode
{
    /// <summary>True: the policy's fill table decides, and the run stops at the first step it cannot.</summary>
    static abstract bool FromTable { get; }
}

/// <summary>Fills from the policy's table (<see cref="FillThresholdTable"/>); stops where it cannot decide.</summary>
internal readonly struct TableFills : IFillMode
{
    public static bool FromTable => true;
}

/// <summary>Fills from the probabilities of the quotes' depths (the exponentials), every step.</summary>
internal readonly struct ExactFills : IFillMode
{
    public static bool FromTable => false;
}
