using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Text;

/// <summary>One parsed book level: side, price in ticks, size in lots (0 deletes).</summary>
internal readonly record struct PriceLevel(Side Side, long Price, long Size);
