namespace MarketMaking.Trading.Venues;

/// <summary>What an <see cref="OrderCommand"/> asks the venue to do.</summary>
public enum OrderCommandKind
{
    Create,
    Amend,
    Cancel,

    /// <summary>Cancel every order of ours on the symbol.</summary>
    CancelAll,
}
