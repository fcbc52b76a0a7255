using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Signals.Flow;

/// <summary>
/// Cumulative delta: buyer-initiated minus seller-initiated traded volume since the start (or the
/// last <see cref="Reset"/>), in lots, by the aggressor side of each trade.
/// </summary>
public sealed class CumulativeDelta : ISignal
{
    public long BuyVolume { get; private set; }

    public long SellVolume { get; private set; }

    public long Delta => BuyVolume - SellVolume;

    public double Value => Delta;

    /// <summary>Always true: zero is a valid delta before any trade.</summary>
    public bool IsReady => true;

    /// <summary>Counts a trade; other event kinds are ignored, so the whole stream may be fed.</summary>
    public void Update(in MarketEvent e)
    {
        if (e.Kind != MarketEventKind.Trade)
        {
            return;
        }

        if (e.Side == Side.Buy)
        {
            BuyVolume += e.Size;
        }
        else
        {
            SellVolume += e.Size;
        }
    }

    public void Reset()
    {
        BuyVolume = 0;
        SellVolume = 0;
    }
}
