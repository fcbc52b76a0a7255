namespace MarketMaking.Trading.Session;

/// <summary>One item in the session's inbox: everything the session reacts to goes through it, so its state has one owner.</summary>
internal readonly record struct SessionInput(SessionInputKind Kind, object? Payload = null, long Value = 0, long Extra = 0);
