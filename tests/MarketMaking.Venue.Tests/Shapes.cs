using System.Text.Json;

namespace MarketMaking.Venue.Tests;

/// <summary>
/// Compares the shape of the venue's JSON with Bybit's documented example: the same member names at
/// every level (no more, no fewer) and the same kind of value (a string stays a string, a number a
/// number); lists are compared by their first item. Values themselves are the venue's own, and so are
/// the keys of maps keyed by coin (<c>cumFeeDetail</c>).
/// </summary>
internal static class Shapes
{
    private static readonly HashSet<string> Maps = ["cumFeeDetail"];

    public static void Same(string documented, string actual)
    {
        using JsonDocument expected = JsonDocument.Parse(documented);
        using JsonDocument got = JsonDocument.Parse(actual);
        if (Difference(expected.RootElement, got.RootElement, "$") is { } difference)
        {
            Assert.Fail($"{difference}\ndocumented: {documented}\nvenue:      {actual}");
        }
    }

    private static string? Difference(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind && !(IsBoolean(expected) && IsBoolean(actual)))
        {
            return $"{path}: documented {expected.ValueKind}, venue {actual.ValueKind} ({actual.GetRawText()})";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = expected.EnumerateObject().Select(p => p.Name).ToHashSet();
                var got = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                if (names.FirstOrDefault(n => !got.ContainsKey(n)) is { } missing)
                {
                    return $"{path}.{missing}: missing";
                }

                if (got.Keys.FirstOrDefault(n => !names.Contains(n)) is { } extra)
                {
                    return $"{path}.{extra}: not in the documented example";
                }

                foreach (JsonProperty member in expected.EnumerateObject())
                {
                    if (Maps.Contains(member.Name))
                    {
                        if (got[member.Name].ValueKind != JsonValueKind.Object || got[member.Name].EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
                        {
                            return $"{path}.{member.Name}: expected a map of coin to amount, got {got[member.Name].GetRawText()}";
                        }

                        continue;
                    }

                    if (Difference(member.Value, got[member.Name], $"{path}.{member.Name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                return expected.GetArrayLength() == 0 || actual.GetArrayLength() == 0 ? null : Difference(expected[0], actual[0], $"{path}[0]");
            default:
                return null;
        }
    }

    private static bool IsBoolean(JsonElement element) => element.ValueKind is JsonValueKind.True or JsonValueKind.False;
}
