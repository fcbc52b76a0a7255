namespace MarketMaking.Learning.Supervised;

/// <summary>
/// One row of a calibration table: the predictions p with <see cref="Lower"/> ≤ p &lt; <see cref="Upper"/>
/// (the last bin also takes p = 1). A calibrated model has <see cref="MeanPredicted"/> ≈ <see cref="ObservedFrequency"/>.
/// </summary>
public readonly record struct CalibrationBin(double Lower, double Upper, int Count, double MeanPredicted, double ObservedFrequency);
