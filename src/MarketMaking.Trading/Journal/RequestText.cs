using MarketMaking.Core.Orders;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Journal;

/// <summary>A request as the journal's events describe it: <c>create Buy 0.001@100.1 post-only</c>, <c>amend to …</c>, <c>cancel</c>, <c>cancel-all</c>.</summary>
public static class RequestText
{
    /// <summary>Room for the longest text: two decimals of 29 digits with sign and point, the side and both flags.</summary>
    public const int MaxBytes = 128;

    /// <summary>Writes the text as UTF-8 into <paramref name="destination"/> (at least <see cref="MaxBytes"/> long) without allocating; returns its length.</summary>
    public static int Write(in OrderCommand c, Span<byte> destination)
    {
        var line = new Utf8Line(destination);
        switch (c.Kind)
        {
            case OrderCommandKind.Create:
                line.Append(c.Side == Side.Buy ? "create Buy "u8 : "create Sell "u8);
                line.Append(c.Quantity);
                line.Append("@"u8);
                if (c.IsMarket)
                {
                    line.Append("market"u8);
                }
                else
                {
                    line.Append(c.Price);
                }

                line.Append(c.PostOnly ? " post-only"u8 : ""u8);
                line.Append(c.ReduceOnly ? " reduce-only"u8 : ""u8);
                break;
            case OrderCommandKind.Amend:
                line.Append("amend to "u8);
                line.Append(c.Quantity);
                line.Append("@"u8);
                line.Append(c.Price);
                break;
            case OrderCommandKind.Cancel:
                line.Append("cancel"u8);
                break;
            default:
                line.Append("cancel-all"u8);
                break;
        }

        return line.Length;
    }
}
