using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Supervised;

/// <summary>
/// L2-regularized logistic regression: P(y = 1 | x) = σ(β₀ + Σⱼ wⱼ·zⱼ) with zⱼ the standardized
/// feature. The standardizer fitted on the training rows travels with the model, so predictions
/// take raw feature values (in the order of <see cref="FeatureNames"/>) and cannot be fed with
/// statistics of another period.
/// </summary>
public sealed class LogisticRegression
{
    private readonly string[] _names;
    private readonly double[] _weights;

    internal LogisticRegression(
        string[] names, Standardizer standardizer, double intercept, double[] weights, double l2, int iterations, bool converged, int trainingRows)
    {
        _names = names;
        Standardizer = standardizer;
        Intercept = intercept;
        _weights = weights;
        L2 = l2;
        Iterations = iterations;
        Converged = converged;
        TrainingRows = trainingRows;
    }

    public IReadOnlyList<string> FeatureNames => _names;

    public int FeatureCount => _names.Length;

    /// <summary>Fitted on the training rows; maps raw features to the scale of <see cref="Weights"/>.</summary>
    public Standardizer Standardizer { get; }

    /// <summary>β₀: the log-odds at the training means.</summary>
    public double Intercept { get; }

    /// <summary>Log-odds change per training standard deviation of each feature.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>The intercept in raw feature units: β₀ − Σⱼ wⱼ·meanⱼ/stdⱼ.</summary>
    public double RawIntercept
    {
        get
        {
            double intercept = Intercept;
            for (int j = 0; j < _weights.Length; j++)
            {
                intercept -= _weights[j] * Standardizer.Means[j] / Standardizer.Scales[j];
            }

            return intercept;
        }
    }

    /// <summary>Log-odds change per raw unit of each feature: wⱼ/stdⱼ.</summary>
    public IReadOnlyList<double> RawWeights => [.. _weights.Select((w, j) => w / Standardizer.Scales[j])];

    public double L2 { get; }

    public int Iterations { get; }

    /// <summary>False when the fit stopped at the iteration limit or could not descend further.</summary>
    public bool Converged { get; }

    public int TrainingRows { get; }

    /// <summary>
    /// Fits on <paramref name="train"/> (standardizing it with its own statistics). Both labels must
    /// occur: with one class the intercept has no finite maximum.
    /// </summary>
    public static LogisticRegression Fit(LabeledDataset train, LogisticRegressionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        options ??= new LogisticRegressionOptions();
        options.Validate();
        if (train.Positives == 0 || train.Positives == train.Count)
        {
            throw new InsufficientDataException(
                $"logistic regression needs both labels among the training rows; got {train.Positives} positive of {train.Count}");
        }

        var standardizer = Standardizer.Fit(train);
        int n = train.Count;
        int d = train.FeatureCount;
        double[] x = new double[n * d];
        for (int row = 0; row < n; row++)
        {
            standardizer.Transform(train.Features(row), x.AsSpan(row * d, d));
        }

        // Start from the base rate: with w = 0 that is already the best intercept.
        double[] beta = new double[d + 1];
        beta[0] = Math.Log(train.Positives / (double)(n - train.Positives));
        var (iterations, converged) = NewtonLogisticSolver.Solve(x, train.Labels, options.L2, options.Tolerance, options.MaxIterations, beta);

        return new LogisticRegression([.. train.FeatureNames], standardizer, beta[0], beta[1..], options.L2, iterations, converged, n);
    }

    /// <summary>β₀ + Σⱼ wⱼ·(xⱼ − meanⱼ)/stdⱼ from raw features; no allocation.</summary>
    public double PredictLogit(ReadOnlySpan<double> rawFeatures)
    {
        if (rawFeatures.Length != _weights.Length)
        {
            throw new ArgumentException($"the model takes {_weights.Length} features ({string.Join(", ", _names)}), got {rawFeatures.Length}", nameof(rawFeatures));
        }

        double z = Intercept;
        for (int j = 0; j < _weights.Length; j++)
        {
            z += _weights[j] * Standardizer.Transform(j, rawFeatures[j]);
        }

        return z;
    }

    /// <summary>P(label = 1) from raw features; no allocation.</summary>
    public double PredictProbability(ReadOnlySpan<double> rawFeatures) => LogisticFunction.Sigmoid(PredictLogit(rawFeatures));

    /// <summary>One probability per row of <paramref name="data"/> (raw features, same feature order).</summary>
    public double[] PredictProbabilities(LabeledDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.FeatureNames.SequenceEqual(_names, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"the model takes features ({string.Join(", ", _names)}), the dataset has ({string.Join(", ", data.FeatureNames)})", nameof(data));
        }

        double[] probabilities = new double[data.Count];
        for (int row = 0; row < data.Count; row++)
        {
            probabilities[row] = PredictProbability(data.Features(row));
        }

        return probabilities;
    }

    /// <summary>Writes the model as JSON; every double is written in shortest round-trip form, so <see cref="Load"/> restores it bit for bit.</summary>
    public void Save(string path) => LogisticRegressionFile.Save(this, path);

    /// <summary>
    /// Reads a model written by <see cref="Save"/>. A malformed file, or one whose features differ
    /// from <paramref name="expectedFeatures"/> when given, throws <see cref="DataFormatException"/>
    /// naming the file and the problem.
    /// </summary>
    public static LogisticRegression Load(string path, IReadOnlyList<string>? expectedFeatures = null) =>
        LogisticRegressionFile.Load(path, expectedFeatures);
}
