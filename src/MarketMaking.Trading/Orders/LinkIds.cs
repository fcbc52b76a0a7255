using System.Globalization;
using MarketMaking.Core.Errors;

namespace MarketMaking.Trading.Orders;

/// <summary>
/// Hands out <c>orderLinkId</c>s: the session's prefix and a counter (<c>mm-k3f9q2-17</c>). A
/// counter value is used only once it is reserved in the journal (in blocks, ahead of need, by the
/// journal's background writer), so after a crash the restarted session resumes past every id
/// that could ever have been sent and never makes a duplicate.
/// </summary>
public sealed class LinkIds
{
    /// <summary>Bybit accepts up to 36 characters: letters, digits, '-' and '_'.</summary>
    public const int MaxLength = 36;

    private readonly object _gate = new();
    private long _reserved;
    private long _requested;

    /// <param name="prefix">The session's prefix, ending in '-'.</param>
    /// <param name="next">The first counter value to use.</param>
    /// <param name="reserved">Counter values below this are already reserved in the journal.</param>
    /// <param name="block">How many ids one reservation covers.</param>
    public LinkIds(string prefix, long next, long reserved, int block = 1000)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0 || prefix.Length > MaxLength - 20 || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new InvalidParameterException("link_prefix", $"'{prefix}' must be 1–{MaxLength - 20} letters, digits, '-' or '_'");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(block);
        Prefix = prefix;
        Next = next;
        _reserved = reserved;
        _requested = reserved;
        Block = block;
    }

    public string Prefix { get; }

    /// <summary>The counter value the next id gets.</summary>
    public long Next { get; private set; }

    public int Block { get; }

    /// <summary>Counter values below this are reserved in the journal.</summary>
    public long Reserved
    {
        get
        {
            lock (_gate)
            {
                return _reserved;
            }
        }
    }

    /// <summary>
    /// The next id. Asks <paramref name="reserve"/> (with the new upper bound) for the next block
    /// once half of the current one is used; waits only if the journal has fallen a whole block behind.
    /// </summary>
    public string Take(Action<long> reserve)
    {
        ArgumentNullException.ThrowIfNull(reserve);
        lock (_gate)
        {
            if (Next + (Block / 2) >= _requested)
            {
                _requested = Math.Max(_requested, Next) + Block;
                reserve(_requested);
            }

            while (Next >= _reserved)
            {
                Monitor.Wait(_gate, TimeSpan.FromSeconds(5));
            }

            return Prefix + (Next++).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The journal has committed a reservation up to <paramref name="upTo"/> (exclusive).</summary>
    public void Reserve(long upTo)
    {
        lock (_gate)
        {
            if (upTo > _reserved)
            {
                _reserved = upTo;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>The counter of an id with this prefix, or −1 when it is not one of ours.</summary>
    public long CounterOf(string linkId)
    {
        ArgumentNullException.ThrowIfNull(linkId);
        return linkId.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(linkId.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : -1;
    }

    /// <summary>A fresh prefix: <c>mm-</c> and six base-36 characters from <paramref name="seed"/>.</summary>
    public static string NewPrefix(ulong seed)
    {
        const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        Span<char> chars = stackalloc char[6];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = Digits[(int)(seed % 36)];
            seed /= 36;
        }

        return $"mm-{chars}-";
    }
}
