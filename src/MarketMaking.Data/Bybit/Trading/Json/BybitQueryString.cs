using System.Globalization;
using System.Text;

namespace MarketMaking.Data.Bybit.Trading.Json;

/// <summary>A GET query string in the order parameters are added, nulls left out; it is signed exactly as sent.</summary>
internal sealed class BybitQueryString
{
    private readonly StringBuilder _text = new();

    public BybitQueryString Add(string name, string? value)
    {
        if (value is not null)
        {
            _text.Append(_text.Length > 0 ? "&" : "").Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    /// <summary>A value already in URL form, sent as is: Bybit's page cursors come URL-encoded and go back verbatim.</summary>
    public BybitQueryString AddVerbatim(string name, string? value)
    {
        if (value is not null)
        {
            _text.Append(_text.Length > 0 ? "&" : "").Append(name).Append('=').Append(value);
        }

        return this;
    }

    public BybitQueryString Add(string name, long? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => _text.ToString();
}
