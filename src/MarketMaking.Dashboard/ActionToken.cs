using System.Security.Cryptography;
using System.Text;

namespace MarketMaking.Dashboard;

/// <summary>
/// The secret that pause, resume and kill need: 128 bits from the operating system's cryptographic
/// generator (a password, not a simulation draw: it must not be reproducible from a seed), printed
/// once at start; compared in constant time.
/// </summary>
public static class ActionToken
{
    /// <summary>The HTTP header an action carries it in.</summary>
    public const string Header = "X-Mm-Token";

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>True when <paramref name="given"/> is <paramref name="expected"/>.</summary>
    public static bool Matches(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
