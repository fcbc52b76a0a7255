using System.Text.Json.Serialization;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// Bybit's <c>cancelType</c> (docs/v5/enum.mdx#canceltype, derivatives and options lists);
/// <c>UNKNOWN</c> on an order that was not cancelled (or left the book for another reason, such as post-only).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<BybitCancelType>))]
public enum BybitCancelType
{
    [JsonStringEnumMemberName("UNKNOWN")]
    Unknown,

    CancelByUser,

    CancelByReduceOnly,

    CancelByPrepareLiq,

    CancelAllBeforeLiq,

    CancelByPrepareAdl,

    CancelAllBeforeAdl,

    CancelByAdmin,

    CancelBySettle,

    CancelByTpSlTsClear,

    CancelBySmp,

    [JsonStringEnumMemberName("CancelByDCP")]
    CancelByDcp,

    CancelByRebalance,

    [JsonStringEnumMemberName("CancelByOCOTpCanceledBySlTriggered")]
    CancelByOcoTpCanceledBySlTriggered,

    [JsonStringEnumMemberName("CancelByOCOSlCanceledByTpTriggered")]
    CancelByOcoSlCanceledByTpTriggered,

    CancelByCannotAffordOrderCost,

    CancelByPmTrialMmOverEquity,

    CancelByAccountBlocking,

    CancelByDelivery,

    CancelByMmpTriggered,

    CancelByCrossSelfMuch,

    CancelByCrossReachMaxTradeNum,
}
