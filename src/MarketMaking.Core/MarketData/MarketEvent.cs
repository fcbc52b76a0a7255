using System.Runtime.InteropServices;
using MarketMaking.Core.Orders;

namespace MarketMaking.Core.MarketData;

/// <summary>
/// One market data event, small enough to stream through arrays and files without allocation.
/// Prices in ticks and sizes in lots of the source's instrument; times in nanoseconds since the
/// Unix epoch, both as the exchange stamped it and as we received it.
/// </summary>
/// <param name="ExchangeTime">Exchange timestamp (ns).</param>
/// <param name="LocalTime">Local receive timestamp (ns): what a strategy may have seen by then.</param>
/// <param name="Kind">What the event says.</param>
/// <param name="Side">Book side (BookLevel, BestQuote) or aggressor side (Trade).</param>
/// <param name="Price">Price in ticks.</param>
/// <param name="Size">Size in lots.</param>
/// <param name="Id">Trade id, update id or sequence number, as the kind says.</param>
/// <param name="Markers">End of batch, snapshot.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct MarketEvent(
    long ExchangeTime,
    long LocalTime,
    MarketEventKind Kind,
    Side Side,
    long Price,
    long Size,
    long Id,
    EventMarkers Markers)
{
    public bool IsEndOfBatch => (Markers & EventMarkers.EndOfBatch) != 0;
}
