using System.Text.Json;

namespace MarketMaking.Data.Tests.Bybit.Trading;

/// <summary>
/// Compares two JSON documents as trees: the same members (in any order) with the same values, a
/// number or string equal as written ("0.10" is not "0.1"). Names the first difference by its path.
/// </summary>
internal static class JsonShapes
{
    /// <param name="skipNullMembers">Treat a member whose expected value is null as absent (Bybit's examples send some optional fields as null).</param>
    public static void Equal(string expected, string actual, bool skipNullMembers = false)
    {
        using JsonDocument e = JsonDocument.Parse(expected);
        using JsonDocument a = JsonDocument.Parse(actual);
        if (Difference(e.RootElement, a.RootElement, "$", skipNullMembers) is { } difference)
        {
            Assert.Fail($"{difference}\nexpected: {expected}\nactual:   {actual}");
        }
    }

    private static string? Difference(JsonElement expected, JsonElement actual, string path, bool skipNulls)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind} {expected.GetRawText()}, got {actual.ValueKind} {actual.GetRawText()}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var actualMembers = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                var expectedNames = new HashSet<string>();
                foreach (JsonProperty member in expected.EnumerateObject())
                {
                    if (skipNulls && member.Value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    expectedNames.Add(member.Name);
                    if (!actualMembers.TryGetValue(member.Name, out JsonElement value))
                    {
                        return $"{path}.{member.Name}: missing";
                    }

                    if (Difference(member.Value, value, $"{path}.{member.Name}", skipNulls) is { } inner)
                    {
                        return inner;
                    }
                }

                string? extra = actualMembers.Keys.FirstOrDefault(k => !expectedNames.Contains(k));
                return extra is null ? null : $"{path}.{extra}: not expected";
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: expected {expected.GetArrayLength()} items, got {actual.GetArrayLength()}";
                }

                for (int i = 0; i < expected.GetArrayLength(); i++)
                {
                    if (Difference(expected[i], actual[i], $"{path}[{i}]", skipNulls) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return expected.GetRawText() == actual.GetRawText() ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
        }
    }
}
