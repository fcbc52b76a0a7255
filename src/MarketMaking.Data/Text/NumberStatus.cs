namespace MarketMaking.Data.Text;

/// <summary>Outcome of converting a price or quantity text to ticks or lots.</summary>
internal enum NumberStatus
{
    Ok,
    Unparsable,
    OffGrid,
    Negative,
    NotPositive,
}
