using MarketMaking.Core.Instruments;

namespace MarketMaking.Core.MarketData;

/// <summary>
/// A stream of market events in local-time order (a file reader, a converter, a live feed).
/// Defined here so simulation never depends on the data readers: the CLI wires one to a market.
/// </summary>
public interface IMarketEventSource : IDisposable
{
    /// <summary>The instrument whose ticks and lots the events are in.</summary>
    Instrument Instrument { get; }

    /// <summary>Fills <paramref name="buffer"/> with the next events; returns how many (0 at the end).</summary>
    int Read(Span<MarketEvent> buffer);
}
