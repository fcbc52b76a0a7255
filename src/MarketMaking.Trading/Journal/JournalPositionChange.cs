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
}
