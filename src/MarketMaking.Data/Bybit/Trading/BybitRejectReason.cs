using System.Text.Json.Serialization;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>Bybit's <c>rejectReason</c> (docs/v5/enum.mdx#rejectreason); the JSON names carry Bybit's <c>EC_</c> prefix.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BybitRejectReason>))]
public enum BybitRejectReason
{
    [JsonStringEnumMemberName("EC_NoError")]
    NoError,

    [JsonStringEnumMemberName("EC_Others")]
    Others,

    [JsonStringEnumMemberName("EC_UnknownMessageType")]
    UnknownMessageType,

    [JsonStringEnumMemberName("EC_MissingClOrdID")]
    MissingClOrdID,

    [JsonStringEnumMemberName("EC_MissingOrigClOrdID")]
    MissingOrigClOrdID,

    [JsonStringEnumMemberName("EC_ClOrdIDOrigClOrdIDAreTheSame")]
    ClOrdIDOrigClOrdIDAreTheSame,

    [JsonStringEnumMemberName("EC_DuplicatedClOrdID")]
    DuplicatedClOrdID,

    [JsonStringEnumMemberName("EC_OrigClOrdIDDoesNotExist")]
    OrigClOrdIDDoesNotExist,

    [JsonStringEnumMemberName("EC_TooLateToCancel")]
    TooLateToCancel,

    [JsonStringEnumMemberName("EC_UnknownOrderType")]
    UnknownOrderType,

    [JsonStringEnumMemberName("EC_UnknownSide")]
    UnknownSide,

    [JsonStringEnumMemberName("EC_UnknownTimeInForce")]
    UnknownTimeInForce,

    [JsonStringEnumMemberName("EC_WronglyRouted")]
    WronglyRouted,

    [JsonStringEnumMemberName("EC_MarketOrderPriceIsNotZero")]
    MarketOrderPriceIsNotZero,

    [JsonStringEnumMemberName("EC_LimitOrderInvalidPrice")]
    LimitOrderInvalidPrice,

    [JsonStringEnumMemberName("EC_NoEnoughQtyToFill")]
    NoEnoughQtyToFill,

    /// <summary>a maker could not be found to fill your order</summary>
    [JsonStringEnumMemberName("EC_NoImmediateQtyToFill")]
    NoImmediateQtyToFill,

    [JsonStringEnumMemberName("EC_PerCancelRequest")]
    PerCancelRequest,

    [JsonStringEnumMemberName("EC_MarketOrderCannotBePostOnly")]
    MarketOrderCannotBePostOnly,

    /// <summary>your post only order would have executed as a taker, and so was rejected</summary>
    [JsonStringEnumMemberName("EC_PostOnlyWillTakeLiquidity")]
    PostOnlyWillTakeLiquidity,

    [JsonStringEnumMemberName("EC_CancelReplaceOrder")]
    CancelReplaceOrder,

    [JsonStringEnumMemberName("EC_InvalidSymbolStatus")]
    InvalidSymbolStatus,

    [JsonStringEnumMemberName("EC_CancelForNoFullFill")]
    CancelForNoFullFill,

    [JsonStringEnumMemberName("EC_BySelfMatch")]
    BySelfMatch,

    /// <summary>used for pre-market order operation, e.g., during 2nd phase of call auction, cancel order is not allowed, when the cancel request is failed to be rejected by trading server, the request will be rejected by matching box finally</summary>
    [JsonStringEnumMemberName("EC_InCallAuctionStatus")]
    InCallAuctionStatus,

    [JsonStringEnumMemberName("EC_QtyCannotBeZero")]
    QtyCannotBeZero,

    [JsonStringEnumMemberName("EC_MarketOrderNoSupportTIF")]
    MarketOrderNoSupportTIF,

    [JsonStringEnumMemberName("EC_ReachMaxTradeNum")]
    ReachMaxTradeNum,

    [JsonStringEnumMemberName("EC_InvalidPriceScale")]
    InvalidPriceScale,

    [JsonStringEnumMemberName("EC_BitIndexInvalid")]
    BitIndexInvalid,

    [JsonStringEnumMemberName("EC_StopBySelfMatch")]
    StopBySelfMatch,

    [JsonStringEnumMemberName("EC_InvalidSmpType")]
    InvalidSmpType,

    [JsonStringEnumMemberName("EC_CancelByMMP")]
    CancelByMMP,

    [JsonStringEnumMemberName("EC_InvalidUserType")]
    InvalidUserType,

    [JsonStringEnumMemberName("EC_InvalidMirrorOid")]
    InvalidMirrorOid,

    [JsonStringEnumMemberName("EC_InvalidMirrorUid")]
    InvalidMirrorUid,

    [JsonStringEnumMemberName("EC_EcInvalidQty")]
    EcInvalidQty,

    [JsonStringEnumMemberName("EC_InvalidAmount")]
    InvalidAmount,

    [JsonStringEnumMemberName("EC_LoadOrderCancel")]
    LoadOrderCancel,

    [JsonStringEnumMemberName("EC_MarketQuoteNoSuppSell")]
    MarketQuoteNoSuppSell,

    [JsonStringEnumMemberName("EC_DisorderOrderID")]
    DisorderOrderID,

    [JsonStringEnumMemberName("EC_InvalidBaseValue")]
    InvalidBaseValue,

    [JsonStringEnumMemberName("EC_LoadOrderCanMatch")]
    LoadOrderCanMatch,

    [JsonStringEnumMemberName("EC_SecurityStatusFail")]
    SecurityStatusFail,

    [JsonStringEnumMemberName("EC_ReachRiskPriceLimit")]
    ReachRiskPriceLimit,

    [JsonStringEnumMemberName("EC_OrderNotExist")]
    OrderNotExist,

    /// <summary>order cancelled as its remaining value is zero</summary>
    [JsonStringEnumMemberName("EC_CancelByOrderValueZero")]
    CancelByOrderValueZero,

    /// <summary>order cancelled as the order it matched with has a remaining value of zero</summary>
    [JsonStringEnumMemberName("EC_CancelByMatchValueZero")]
    CancelByMatchValueZero,

    [JsonStringEnumMemberName("EC_ReachMarketPriceLimit")]
    ReachMarketPriceLimit,
}
