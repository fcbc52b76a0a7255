using System.Globalization;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Journal;

/// <summary>A request as the journal's events describe it: <c>create Buy 0.001@100.1 post-only</c>, <c>amend to …</c>, <c>cancel</c>, <c>cancel-all</c>.</summary>
public static class RequestText
{
    public static string Format(in OrderCommand c) => c.Kind switch
    {
        OrderCommandKind.Create => string.Create(CultureInfo.InvariantCulture, $"create {c.Side} {c.Quantity}@{(c.IsMarket ? "market" : c.Price)}{(c.PostOnly ? " post-only" : "")}{(c.ReduceOnly ? " reduce-only" : "")}"),
        OrderCommandKind.Amend => string.Create(CultureInfo.InvariantCulture, $"amend to {c.Quantity}@{c.Price}"),
        OrderCommandKind.Cancel => "cancel",
        _ => "cancel-all",
    };
}
