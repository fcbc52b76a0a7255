namespace MarketMaking.Research.Cluster;

/// <summary>The settings of a run split over tasks (option → value): the parts of one run must share them.</summary>
public static class RunSettings
{
    /// <summary>The first setting (by name) that differs, as "name X here, Y there"; null when they are the same.</summary>
    public static string? Difference(IReadOnlyDictionary<string, string> here, IReadOnlyDictionary<string, string> there)
    {
        ArgumentNullException.ThrowIfNull(here);
        ArgumentNullException.ThrowIfNull(there);
        foreach (string key in here.Keys.Union(there.Keys).Order(StringComparer.Ordinal))
        {
            string? x = here.GetValueOrDefault(key), y = there.GetValueOrDefault(key);
            if (x != y)
            {
                return $"{key} {x ?? "(not given)"} here, {y ?? "(not given)"} there";
            }
        }

        return null;
    }
}
