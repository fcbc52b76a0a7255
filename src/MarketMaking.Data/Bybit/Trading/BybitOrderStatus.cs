using System.Text.Json.Serialization;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>Bybit's <c>orderStatus</c> (docs/v5/enum.mdx#orderstatus); the JSON names are Bybit's.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BybitOrderStatus>))]
public enum BybitOrderStatus
{
    /// <summary>Placed and resting, nothing filled (open).</summary>
    New,

    /// <summary>Partly filled, the rest resting (open).</summary>
    PartiallyFilled,

    /// <summary>A conditional order waiting for its trigger (open).</summary>
    Untriggered,

    /// <summary>Refused (closed).</summary>
    Rejected,

    /// <summary>Spot only: partly filled, then cancelled (closed).</summary>
    PartiallyFilledCanceled,

    /// <summary>Filled in full (closed).</summary>
    Filled,

    /// <summary>Cancelled; in derivatives it may have an executed quantity (closed).</summary>
    Cancelled,

    /// <summary>A conditional order between Untriggered and New (instantaneous).</summary>
    Triggered,

    /// <summary>Spot TP/SL, conditional or OCO order cancelled before its trigger (closed).</summary>
    Deactivated,
}
