namespace MarketMaking.Learning;

/// <summary>Checks on rows of features shared by the datasets and the models that read them.</summary>
internal static class FeatureRows
{
    /// <summary>Whether every value is a finite number (signals still warming up give NaN).</summary>
    public static bool AllFinite(ReadOnlySpan<double> features)
    {
        foreach (double value in features)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Refuses a row of the wrong width: a programming error, not a data problem.</summary>
    public static void RequireCount(ReadOnlySpan<double> features, int count)
    {
        if (features.Length != count)
        {
            throw new ArgumentException($"expected {count} features, got {features.Length}", nameof(features));
        }
    }
}
