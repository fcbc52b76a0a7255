using MarketMaking.Core.Orders;

namespace MarketMaking.Trading.Accounting;

/// <summary>
/// Position and cash from executions, in the venue's decimals, each execution counted once (by its
/// id). Cash follows the convention a venue's own ledger uses: cash = −Σ side·price·qty − Σ fees
/// (side +1 buy, −1 sell; a negative fee is a rebate), so the engine's figures and the venue's can
/// be compared exactly.
/// </summary>
public sealed class ExecutionBook
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public decimal Position { get; private set; }

    public decimal Cash { get; private set; }

    public decimal Fees { get; private set; }

    /// <summary>Executions counted.</summary>
    public int Count => _ids.Count;

    /// <summary>Venue time (ns) of the latest execution counted; 0 when none.</summary>
    public long LastExecutionTime { get; private set; }

    public bool Contains(string executionId) => _ids.Contains(executionId);

    /// <summary>
    /// Takes <paramref name="position"/> as the position from now on (a position found on the venue
    /// and adopted): its cost is unknown, so cash is left as it is.
    /// </summary>
    public void Adopt(decimal position) => Position = position;

    /// <summary>Counts one execution; false (and nothing changes) when its id was counted before.</summary>
    public bool Apply(string executionId, Side side, decimal price, decimal quantity, decimal fee, long executionTime)
    {
        if (!_ids.Add(executionId))
        {
            return false;
        }

        decimal signed = side == Side.Buy ? quantity : -quantity;
        Position += signed;
        Cash -= (signed * price) + fee;
        Fees += fee;
        LastExecutionTime = Math.Max(LastExecutionTime, executionTime);
        return true;
    }
}
