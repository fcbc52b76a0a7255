using System.Text.Json;

namespace MarketMaking.Trading.Journal;

/// <summary>
/// A decision as the journal writes it: <c>{"t":12.3,"mid":60000.05,"q":0.002,"bid":60000,"ask":60000.1}</c>
/// (time on the session's clock, the mid, our position and our best quotes; null for no quote),
/// readable by eye and read back to draw the session.
/// </summary>
public static class DecisionText
{
    /// <summary>Room for the longest text: five doubles (at most 22 bytes each at 15 digits) and the names.</summary>
    public const int MaxBytes = 192;

    /// <summary>Writes the text as UTF-8 into <paramref name="destination"/> (at least <see cref="MaxBytes"/> long) without allocating; returns its length.</summary>
    public static int Write(Span<byte> destination, double time, double mid, double position, double bid, double ask)
    {
        var line = new Utf8Line(destination);
        line.Append("{\"t\":"u8);
        line.Append(time);
        line.Append(",\"mid\":"u8);
        line.Append(mid);
        line.Append(",\"q\":"u8);
        line.Append(position);
        line.Append(",\"bid\":"u8);
        line.Append(bid);
        line.Append(",\"ask\":"u8);
        line.Append(ask);
        line.Append("}"u8);
        return line.Length;
    }

    /// <summary>Reads one back; false when the text is not a decision.</summary>
    public static bool TryParse(string text, out double time, out double mid, out double position, out double bid, out double ask)
    {
        (time, mid, position, bid, ask) = (double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            time = Read(root, "t");
            mid = Read(root, "mid");
            position = Read(root, "q");
            bid = Read(root, "bid");
            ask = Read(root, "ask");
            return double.IsFinite(time) && double.IsFinite(mid);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static double Read(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;
}
