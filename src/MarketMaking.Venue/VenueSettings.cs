using MarketMaking.Core.Errors;
using MarketMaking.Venue.Faults;

namespace MarketMaking.Venue;

/// <summary>How the local venue presents its market and account, how fast it runs and which faults it injects.</summary>
public sealed record VenueSettings
{
    /// <summary>The linear perpetual it lists (quoted and settled in USDT) when it lists one; a venue of several instruments names them at start.</summary>
    public string Symbol { get; init; } = "SIMUSDT";

    /// <summary>Market seconds per wall-clock second.</summary>
    public double Speed { get; init; } = 10;

    /// <summary>Seeds the account's key and secret, ids and fault decisions (the market has its own seed).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Starting USDT balance.</summary>
    public decimal InitialBalance { get; init; } = 100_000m;

    /// <summary>Fee rate of maker fills (Bybit's non-VIP linear rate by default; negative: a rebate).</summary>
    public decimal MakerFeeRate { get; init; } = 0.0002m;

    /// <summary>Fee rate of taker fills.</summary>
    public decimal TakerFeeRate { get; init; } = 0.00055m;

    /// <summary>Initial margin is notional / leverage, for the position and for open orders.</summary>
    public decimal Leverage { get; init; } = 10m;

    public VenueRateLimits RateLimits { get; init; } = new();

    public FaultPlan Faults { get; init; } = FaultPlan.None;

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    public VenueSettings Validate()
    {
        ValidateSymbol(Symbol);

        InvalidParameterException.RequirePositive("speed", Speed);
        if (InitialBalance <= 0)
        {
            throw new InvalidParameterException("balance", $"must be positive, got {InitialBalance}");
        }

        if (Leverage <= 0)
        {
            throw new InvalidParameterException("leverage", $"must be positive, got {Leverage}");
        }

        if (Port is < 0 or > 65535)
        {
            throw new InvalidParameterException("port", $"must be 0 (any free port) or 1 to 65535, got {Port}");
        }

        InvalidParameterException.RequireNonNegative("rate-limit-scale", RateLimits.Scale);
        InvalidParameterException.RequireFeeRate("maker-fee", MakerFeeRate, maker: true);
        InvalidParameterException.RequireFeeRate("taker-fee", TakerFeeRate, maker: false);
        return this;
    }

    /// <summary>Checks the symbols of a venue listing several instruments: at least one, each valid, none twice.</summary>
    public static void ValidateSymbols(IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Count == 0)
        {
            throw new InvalidParameterException("symbol", "the venue needs at least one symbol");
        }

        foreach (string symbol in symbols)
        {
            ValidateSymbol(symbol);
        }

        if (symbols.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidParameterException("symbol", $"'{twice.Key}' is listed twice");
        }
    }

    private static void ValidateSymbol(string symbol)
    {
        if (string.IsNullOrWhiteSpace(symbol) || !symbol.EndsWith("USDT", StringComparison.Ordinal) || symbol.Length < 5 || !symbol.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            throw new InvalidParameterException("symbol", $"must be upper-case letters (and digits) ending in USDT (a linear perpetual), got '{symbol}'");
        }
    }
}
