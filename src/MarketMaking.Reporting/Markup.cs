using System.Buffers;
using System.Text;

namespace MarketMaking.Reporting;

/// <summary>Escaping shared by the SVG and HTML output, which must both stay well-formed XML.</summary>
internal static class Markup
{
    // Markup-significant characters plus the C0 controls that XML 1.0 forbids outright.
    private static readonly SearchValues<char> Special = SearchValues.Create(
        "&<>\"'\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny(Special) < 0)
        {
            return text;
        }

        return new StringBuilder(text.Length + 16).AppendEscaped(text).ToString();
    }

    public static StringBuilder AppendEscaped(this StringBuilder sb, string text)
    {
        ReadOnlySpan<char> rest = text;
        int next;
        while ((next = rest.IndexOfAny(Special)) >= 0)
        {
            sb.Append(rest[..next]);
            sb.Append(rest[next] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => "\uFFFD",
            });
            rest = rest[(next + 1)..];
        }

        return sb.Append(rest);
    }
}
