namespace MarketMaking.Reporting.Charts;

/// <summary>Okabe–Ito colours (distinguishable with common colour-vision deficiencies), minus the yellow that vanishes on white.</summary>
internal static class Palette
{
    private static readonly string[] Colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

    /// <summary>
    /// The colour of every series: its own if set, otherwise the next palette colour not already chosen
    /// explicitly elsewhere in the chart (so an automatic line never matches, say, the sell markers).
    /// </summary>
    public static string[] Assign(IReadOnlyList<ChartSeries> series)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (ChartSeries s in series)
        {
            if (s.Color is not null)
            {
                taken.Add(s.Color);
            }
        }

        var free = new List<string>(Colors.Length);
        foreach (string color in Colors)
        {
            if (!taken.Contains(color))
            {
                free.Add(color);
            }
        }

        IReadOnlyList<string> pool = free.Count > 0 ? free : Colors;
        var assigned = new string[series.Count];
        int next = 0;
        for (int i = 0; i < assigned.Length; i++)
        {
            assigned[i] = series[i].Color ?? pool[next++ % pool.Count];
        }

        return assigned;
    }
}
