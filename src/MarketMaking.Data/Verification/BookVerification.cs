namespace MarketMaking.Data.Verification;

/// <summary>
/// What <see cref="BookVerifier"/> found: how many of the file's own best quotes could be compared
/// with the rebuilt book, and how many agreed in price and size on both sides.
/// </summary>
/// <param name="Quotes">Best-quote messages in the file.</param>
/// <param name="Compared">Those compared: the book had applied exactly the update they report.</param>
/// <param name="Matched">Compared quotes equal to the book's best bid and ask, price and size.</param>
/// <param name="FirstMismatch">The first disagreement, described; null when there was none.</param>
public sealed record BookVerification(long Quotes, long Compared, long Matched, string? FirstMismatch)
{
    /// <summary>Matched / compared; NaN when nothing could be compared.</summary>
    public double MatchedShare => Compared == 0 ? double.NaN : (double)Matched / Compared;
}
