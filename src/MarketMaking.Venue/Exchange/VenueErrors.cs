namespace MarketMaking.Venue.Exchange;

/// <summary>Bybit's retCodes and messages the venue answers with (docs/v5/error.mdx, docs/v5/rate-limit/rate-limit.mdx).</summary>
internal static class VenueErrors
{
    public const int ParamsError = 10001;
    public const string ParamsMessage = "params error";

    public const int TimestampOutsideWindow = 10002;

    public const int InvalidApiKey = 10003;
    public const string InvalidApiKeyMessage = "API key is invalid.";

    public const int SignError = 10004;
    public const string SignErrorMessage = "Error sign, please check your signature generation algorithm.";

    public const int TooManyVisits = 10006;
    public const string TooManyVisitsMessage = "Too many visits!";

    public const int OrderNotExists = 110001;
    public const string OrderNotExistsMessage = "Order does not exist";

    public const int InsufficientBalance = 110007;
    public const string InsufficientBalanceMessage = "Available balance is insufficient";

    public const int ReduceOnlyRule = 110017;
    public const string ReduceOnlyRuleMessage = "Reduce-only rule not satisfied";

    public const int TooManyOpenOrders = 110020;
    public const string TooManyOpenOrdersMessage = "Not allowed to have more than 500 active orders.";

    public const int QtyBelowFilled = 110064;
    public const string QtyBelowFilledMessage = "The modified contract quantity cannot be less than or equal to the filled quantity.";

    public const int DuplicateOrderLinkId = 110072;
    public const string DuplicateOrderLinkIdMessage = "OrderLinkedID is duplicate";

    public const int NotionalTooSmall = 110094;
    public const string NotionalTooSmallMessage = "Order notional value below the lower limit";

    public const int RpiNotAllowed = 110119;
    public const string RpiNotAllowedMessage = "Order failed. RPI orders are restricted to approved market makers only";

    public static string Params(string detail) => $"{ParamsMessage}: {detail}";
}
