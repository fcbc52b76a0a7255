namespace MarketMaking.Data.Binary;

/// <summary>What a conversion wrote and how fast.</summary>
public sealed record ConversionResult(long Events, TimeSpan Elapsed)
{
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Events / Elapsed.TotalSeconds : double.NaN;
}
