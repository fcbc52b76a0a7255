namespace MarketMaking.Venue.Faults;

/// <summary>The YAML and log names of the faults (snake_case).</summary>
public static class FaultNames
{
    private static readonly (FaultKind Kind, string Name)[] Table =
    [
        (FaultKind.DropConnection, "drop_connection"),
        (FaultKind.MarketDataPause, "market_data_pause"),
        (FaultKind.SkipDelta, "skip_delta"),
        (FaultKind.PrivateDelay, "private_delay"),
        (FaultKind.PrivateDuplicate, "private_duplicate"),
        (FaultKind.PrivateReorder, "private_reorder"),
        (FaultKind.ServerError, "http_5xx"),
        (FaultKind.Timeout, "timeout"),
        (FaultKind.RejectOrder, "reject_order"),
        (FaultKind.RateLimitSqueeze, "rate_limit_squeeze"),
        (FaultKind.ClockSkew, "clock_skew"),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Table.Select(t => t.Name)];

    public static string Name(this FaultKind kind) => Table[(int)kind].Name;

    public static bool TryParse(string name, out FaultKind kind)
    {
        foreach ((FaultKind k, string n) in Table)
        {
            if (n == name)
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
