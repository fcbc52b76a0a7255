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
    /// What the positions adopted from the venue cost: each adoption is counted as a trade of the
    /// difference it made to the position at its price (no fee), so their value is not profit.
    /// Kept apart from <see cref="Cash"/>, which is the executions' alone (the venue's figure).
    /// </summary>
    public decimal AdoptionCost { get; private set; }

    /// <summary>What the last adoption changed the position by while it has no price yet (0: none waiting).</summary>
    public decimal UnpricedAdoption { get; private set; }

    /// <summary>
    /// Takes <paramref name="position"/> as the position from now on (a position found on the venue
    /// and adopted); its cost is counted when <see cref="PriceAdoption"/> gives its price.
    /// </summary>
    public void Adopt(decimal position)
    {
        UnpricedAdoption += position - Position;
        Position = position;
    }

    /// <summary>The adopted position is taken at <paramref name="price"/>: the difference it made to the position is bought (or sold) at that price.</summary>
    public void PriceAdoption(decimal price)
    {
        CountAdoption(UnpricedAdoption, price);
        UnpricedAdoption = 0;
    }

    /// <summary>The position the journal's adoptions and executions give (their cost counted by <see cref="CountAdoption"/>).</summary>
    internal void RestorePosition(decimal position) => Position = position;

    /// <summary>Counts an adoption that changed the position by <paramref name="change"/> at <paramref name="price"/> (one the journal holds).</summary>
    internal void CountAdoption(decimal change, decimal price) => AdoptionCost += change * price;

    /// <summary>Cash − adoption cost + position × <paramref name="mark"/>: the PnL of the executions and adoptions, the position marked at <paramref name="mark"/>.</summary>
    public decimal Pnl(decimal mark) => Cash - AdoptionCost + (Position * mark);

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
