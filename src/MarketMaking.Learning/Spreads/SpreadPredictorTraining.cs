using MarketMaking.Core.Errors;
using MarketMaking.Learning.Neural;
using MarketMaking.Learning.Supervised;

namespace MarketMaking.Learning.Spreads;

/// <summary>Fits the spread predictor on earlier windows and scores it on later ones.</summary>
public static class SpreadPredictorTraining
{
    public static (SpreadPredictor Predictor, SpreadEvaluation Evaluation) Fit(
        SpreadDataset train, SpreadDataset test, SpreadTargetSettings targets, SpreadTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        targets.Validate();
        options.Validate();
        if (train.Count < 10 || test.Count < 1)
        {
            throw new InsufficientDataException($"{train.Count} training and {test.Count} test windows are too few to train a spread predictor: use more data or a shorter sample interval");
        }

        int d = train.FeatureCount, n = train.Count;
        Standardizer standardizer = Standardizer.Fit(train.AllFeatures, d);
        double[] means = [.. standardizer.Means], scales = [.. standardizer.Scales];
        float[] inputs = new float[n * d];
        for (int row = 0; row < n; row++)
        {
            ReadOnlySpan<double> x = train.Features(row);
            for (int j = 0; j < d; j++)
            {
                inputs[(row * d) + j] = (float)((x[j] - means[j]) / scales[j]);
            }
        }

        double[] trainTargets = train.Targets(targets);
        double targetScale = trainTargets.Average();
        float[] y = [.. trainTargets.Select(t => (float)(t / targetScale))];
        var network = new Mlp([d, options.HiddenWidth, options.HiddenWidth, 1], Activation.ReLU, Activation.Softplus, options.Seed);
        var adam = new Adam(network, (float)options.LearningRate);
        var random = new Random(options.Seed);
        int[] order = [.. Enumerable.Range(0, n)];
        int batch = Math.Min(options.BatchSize, n);
        float[] batchInputs = new float[batch * d], batchTargets = new float[batch], gradient = new float[batch];
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            for (int start = 0; start + batch <= n; start += batch)
            {
                for (int k = 0; k < batch; k++)
                {
                    int row = order[start + k];
                    inputs.AsSpan(row * d, d).CopyTo(batchInputs.AsSpan(k * d, d));
                    batchTargets[k] = y[row];
                }

                network.ZeroGradients();
                MeanSquaredError.Compute(network.Forward(batchInputs), batchTargets, gradient);
                network.Backward(gradient);
                adam.ApplyGradients();
            }
        }

        // Every target is a candidate: a prediction outside the candidates' range is extrapolation, clamped.
        var predictor = new SpreadPredictor(train.FeatureNames, means, scales, network, targetScale, targets.Window, targets.Candidates[0], targets.Candidates[^1]);
        return (predictor, Evaluate(predictor, trainTargets, train, test, targets));
    }

    private static SpreadEvaluation Evaluate(SpreadPredictor predictor, double[] trainTargets, SpreadDataset train, SpreadDataset test, SpreadTargetSettings targets)
    {
        double constant = trainTargets.Average();
        double[] testTargets = test.Targets(targets);
        double modelSquares = 0, modelAbsolute = 0, constantSquares = 0, constantAbsolute = 0, modelPnl = 0;
        for (int row = 0; row < test.Count; row++)
        {
            double predicted = predictor.Predict(test.Features(row));
            modelSquares += (predicted - testTargets[row]) * (predicted - testTargets[row]);
            modelAbsolute += Math.Abs(predicted - testTargets[row]);
            constantSquares += (constant - testTargets[row]) * (constant - testTargets[row]);
            constantAbsolute += Math.Abs(constant - testTargets[row]);
            modelPnl += test.Window(row).Pnl(predicted, targets.InventoryPenalty);
        }

        // The constant a desk would have picked from the training windows: the one that earned most there.
        double bestConstant = targets.Candidates.MaxBy(c => MeanPnl(train, c, targets.InventoryPenalty));
        int m = test.Count;
        return new SpreadEvaluation(
            m,
            Math.Sqrt(modelSquares / m),
            modelAbsolute / m,
            constant,
            Math.Sqrt(constantSquares / m),
            constantAbsolute / m,
            modelPnl / m,
            bestConstant,
            MeanPnl(test, bestConstant, targets.InventoryPenalty));
    }

    private static double MeanPnl(SpreadDataset data, double halfSpread, double penalty)
    {
        double total = 0;
        for (int row = 0; row < data.Count; row++)
        {
            total += data.Window(row).Pnl(halfSpread, penalty);
        }

        return total / data.Count;
    }
}
