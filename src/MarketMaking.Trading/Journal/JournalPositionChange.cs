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
    /// without a price the first mid known after it; <paramref name="mid"/> when the journal holds no mid),
    /// not as a fill; returns false for an execution, which the caller counts as a fill.
    /// </summary>
    public bool TryAdopt(Ledger ledger, double mid, double time)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (Adoption is null)
        {
            return false;
        }

        double price = Adoption.Price is { } adopted ? (double)adopted : mid;
        if (double.IsFinite(price))
        {
            ledger.Transfer((double)Quantity, price, time);
        }

        return true;
    }
}
