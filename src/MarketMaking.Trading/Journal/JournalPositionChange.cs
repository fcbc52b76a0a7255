using MarketMaking.Core.Accounting;

namespace MarketMaking.Trading.Journal;

/// <summary>
/// One change of the journal's position: an execution (<paramref name="Fill"/>), or a position adopted
/// from the venue (<paramref name="Adoption"/>), which changed the position held before it by
/// <paramref name="Quantity"/> (signed; an execution's is its signed quantity).
/// </summary>
public sealed record JournalPositionChange(JournalFill? Fill, JournalAdoption? Adoption, decimal Quantity)
{
    /// <summary>The run that journaled it.</summary>
    public int Run => Fill?.Run ?? Adoption!.Run;

    /// <summary>Local time (ns) it was journaled at.</summary>
    public long LocalTime => Fill?.LocalTime ?? Adoption!.LocalTime;

    /// <summary>
    /// An adoption moves <paramref name="ledger"/>'s position at its price (the reader gives one journaled
    /// without a price the first mid known after it, or an execution's in a journal without mids), not as a
    /// fill; returns false for an execution, which the caller counts as a fill. An adoption in a journal that
    /// knows no price at all moves nothing, as <c>mm journal … pnl</c> counts it: nothing could mark it either.
    /// </summary>
    public bool TryAdopt(Ledger ledger, double time)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (Adoption is null)
        {
            return false;
        }

        if (Adoption.Price is { } price)
        {
            ledger.Transfer((double)Quantity, (double)price, time);
        }

        return true;
    }
}
