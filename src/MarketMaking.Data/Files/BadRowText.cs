using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;

namespace MarketMaking.Data.Files;

/// <summary>The words of --on-bad-row, and skipped-row counts as commands print them.</summary>
public static class BadRowText
{
    /// <summary>"stop" or "skip" (any case); anything else is a usage error.</summary>
    public static BadRowPolicy ParsePolicy(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "stop" => BadRowPolicy.Stop,
        "skip" => BadRowPolicy.Skip,
        _ => throw new InvalidParameterException("on-bad-row", $"expected stop or skip, got '{text}'"),
    };

    /// <summary>Counts keyed by snake_case reason ("sequence_gap"), only the reasons that occurred.</summary>
    public static IReadOnlyDictionary<string, long> ByReason(BadRowCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts.NonZero.ToDictionary(p => Name(p.Key), p => p.Value);
    }

    /// <summary>"skipped rows: none", or "skipped rows: 3 (sequence gap 1, negative size 2)".</summary>
    public static string Describe(BadRowCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Total == 0)
        {
            return "skipped rows: none";
        }

        var invariant = CultureInfo.InvariantCulture;
        string reasons = string.Join(", ", counts.NonZero.Select(p => $"{Name(p.Key).Replace('_', ' ')} {p.Value.ToString("N0", invariant)}"));
        return $"skipped rows: {counts.Total.ToString("N0", invariant)} ({reasons})";
    }

    private static string Name(BadRowReason reason) => JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());
}
