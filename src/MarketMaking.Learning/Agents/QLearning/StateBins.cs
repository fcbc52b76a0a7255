namespace MarketMaking.Learning.Agents.QLearning;

/// <summary>
/// Maps an observation to a table row: inventory bin (fastest), then time bin, then each extra
/// feature's bin. Allocation free and read only, so the greedy policy can share it across threads.
/// </summary>
public sealed class StateBins
{
    private readonly QLearningSettings _settings;
    private readonly FeatureBins[] _features;

    public StateBins(QLearningSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.Validate();
        _features = [.. settings.Features];
        InventoryBins = (2 * settings.MaxInventory) + 1;
        long count = (long)InventoryBins * settings.TimeBins;
        foreach (FeatureBins feature in _features)
        {
            count *= feature.Count;
        }

        Count = count <= int.MaxValue / 4 ? (int)count : throw new Core.Errors.InvalidParameterException("bins", $"{count} states are too many for a table");
        ObservationSize = Math.Max(settings.InventoryIndex, settings.TimeIndex) + 1;
        foreach (FeatureBins feature in _features)
        {
            ObservationSize = Math.Max(ObservationSize, feature.ObservationIndex + 1);
        }
    }

    public int InventoryBins { get; }

    public int Count { get; }

    /// <summary>The fewest observation values the bins read.</summary>
    public int ObservationSize { get; }

    public int Index(ReadOnlySpan<float> observation)
    {
        int qMax = _settings.MaxInventory;
        int inventory = Math.Clamp((int)MathF.Round(observation[_settings.InventoryIndex] * qMax), -qMax, qMax) + qMax;
        int index = inventory + (InventoryBins * TimeBin(observation[_settings.TimeIndex]));
        int stride = InventoryBins * _settings.TimeBins;
        foreach (FeatureBins feature in _features)
        {
            index += stride * feature.Bin(observation[feature.ObservationIndex]);
            stride *= feature.Count;
        }

        return index;
    }

    /// <summary>Time left in (0, 1] to 0..B−1, the first step of an episode in the top bin; the slack absorbs float rounding of k/steps.</summary>
    public int TimeBin(float timeLeft) =>
        Math.Clamp((int)Math.Ceiling((timeLeft * _settings.TimeBins) - 1e-4) - 1, 0, _settings.TimeBins - 1);
}
