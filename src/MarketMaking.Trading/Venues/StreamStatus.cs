namespace MarketMaking.Trading.Venues;

/// <summary>The private stream went up (authenticated and subscribed) or down.</summary>
/// <param name="IsUp">True once updates flow again; false when the connection is lost.</param>
/// <param name="Detail">What happened, in words.</param>
public sealed record StreamStatus(bool IsUp, string Detail) : PrivateUpdate;
