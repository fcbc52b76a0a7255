using MarketMaking.Core.Errors;
using MarketMaking.Core.Randomness;
using MarketMaking.Learning.Supervised;

namespace MarketMaking.Learning.Tests.Supervised;

public class LogisticRegressionTests
{
    [Fact]
    public void FitsASaturatedModelByHand()
    {
        // x = 0: 1 positive of 4 → P = ¼; x = 1: 3 of 4 → P = ¾. Unpenalized, the fit reproduces them:
        // intercept logit(¼) = −ln 3, slope logit(¾) − logit(¼) = 2·ln 3.
        var data = new LabeledDataset(["side"]);
        bool[] atZero = [true, false, false, false];
        bool[] atOne = [true, true, true, false];
        for (int i = 0; i < 4; i++)
        {
            data.Add(i, [0], atZero[i]);
            data.Add(i, [1], atOne[i]);
        }

        var model = LogisticRegression.Fit(data, new LogisticRegressionOptions { L2 = 0 });

        Assert.True(model.Converged);
        Assert.Equal(-Math.Log(3), model.RawIntercept, 1e-12);
        Assert.Equal(2 * Math.Log(3), model.RawWeights[0], 1e-12);
        Assert.Equal(0.25, model.PredictProbability([0]), 1e-12);
        Assert.Equal(0.75, model.PredictProbability([1]), 1e-12);
    }

    [Fact]
    public void RecoversTheCoefficientsOfSimulatedData()
    {
        // logit P = 2.5 + 1.5·x₁ − 0.8·x₂ + 0.3·x₃ with x₁ ~ N(0, 1), x₂ ~ N(5, 2²), x₃ ~ U(0, 10).
        // Across 20 other seeds the estimates scatter by ≈ 0.055 (intercept), 0.022 (x₁), 0.0075 (x₂),
        // 0.0065 (x₃) around the truth; the tolerances are about 4–5 of those. Seed 42 lands ≈ 3.5 low on x₂.
        var data = Simulate(20_000, seed: 42, out _);

        var model = LogisticRegression.Fit(data, new LogisticRegressionOptions { L2 = 1e-6 });

        Assert.True(model.Converged);
        Assert.InRange(model.Iterations, 2, 15);
        Assert.Equal(2.5, model.RawIntercept, 0.25);
        Assert.Equal(1.5, model.RawWeights[0], 0.08);
        Assert.Equal(-0.8, model.RawWeights[1], 0.04);
        Assert.Equal(0.3, model.RawWeights[2], 0.025);
    }

    [Fact]
    public void PenalizedGradientVanishesAtTheSolution()
    {
        var data = Simulate(5_000, seed: 7, out _);
        const double lambda = 200;

        var model = LogisticRegression.Fit(data, new LogisticRegressionOptions { L2 = lambda });
        var loose = LogisticRegression.Fit(data, new LogisticRegressionOptions { L2 = 0 });

        // g₀ = Σ(p − y), gⱼ = Σ(p − y)·zⱼ + λ·wⱼ over standardized features z.
        var z = model.Standardizer.Apply(data);
        double[] gradient = new double[4];
        for (int row = 0; row < data.Count; row++)
        {
            double residual = model.PredictProbability(data.Features(row)) - (data.Label(row) ? 1 : 0);
            gradient[0] += residual;
            for (int j = 0; j < 3; j++)
            {
                gradient[j + 1] += residual * z.Features(row)[j];
            }
        }

        for (int j = 0; j < 3; j++)
        {
            gradient[j + 1] += lambda * model.Weights[j];
        }

        Assert.True(model.Converged);
        Assert.All(gradient, g => Assert.InRange(g, -1e-8, 1e-8));

        // The penalty shrinks every weight towards 0 but not the intercept's role.
        for (int j = 0; j < 3; j++)
        {
            Assert.True(Math.Abs(model.Weights[j]) < Math.Abs(loose.Weights[j]));
        }
    }

    [Fact]
    public void StaysFiniteOnSeparableData()
    {
        // y = (x > 0): perfectly separable, so λ = 0 has no finite maximum; λ = 1 does.
        var data = new LabeledDataset(["x"]);
        for (int i = -20; i <= 20; i++)
        {
            if (i != 0)
            {
                data.Add(i, [i], i > 0);
            }
        }

        var penalized = LogisticRegression.Fit(data, new LogisticRegressionOptions { L2 = 1 });
        var unpenalized = LogisticRegression.Fit(data, new LogisticRegressionOptions { L2 = 0, MaxIterations = 30 });

        Assert.True(penalized.Converged);
        Assert.True(double.IsFinite(penalized.Weights[0]) && penalized.Weights[0] > 0);
        Assert.Equal(0.5, penalized.PredictProbability([0]), 1e-12); // symmetric data
        Assert.True(penalized.PredictProbability([20]) > 0.95);
        Assert.True(penalized.PredictProbability([-20]) < 0.05);
        Assert.False(unpenalized.Converged);
        Assert.True(double.IsFinite(unpenalized.Weights[0]) && unpenalized.Weights[0] > penalized.Weights[0]);
        Assert.True(double.IsFinite(unpenalized.Intercept));
    }

    [Fact]
    public void NeedsBothLabels()
    {
        var data = new LabeledDataset(["x"]);
        data.Add(0, [1], true);
        data.Add(1, [2], true);

        Assert.Throws<InsufficientDataException>(() => LogisticRegression.Fit(data));
    }

    [Fact]
    public void PredictsWithoutAllocating()
    {
        var model = LogisticRegression.Fit(Simulate(500, seed: 3, out _));
        double[] x = [0.2, 4, 6];
        double sum = 0;

        long allocated = SteadyState.AllocatedBytes(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                x[0] = i * 0.001;
                sum += model.PredictProbability(x);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(sum > 0);
        Assert.Throws<ArgumentException>(() => model.PredictProbability([1.0, 2]));
    }

    [Fact]
    public void EvaluatesOnAHeldOutPeriod()
    {
        var data = Simulate(10_000, seed: 11, out double[] trueProbabilities);
        var (train, test) = data.SplitByTime(0.7);

        var model = LogisticRegression.Fit(train);
        var evaluation = ClassifierEvaluation.Evaluate(model.PredictProbabilities(test), test.Labels);
        var oracle = ClassifierEvaluation.Evaluate(trueProbabilities.AsSpan(7_000), test.Labels);

        // The fitted model should rank and score almost as well as the true probabilities.
        Assert.Equal(3_000, evaluation.Count);
        Assert.Equal(oracle.Auc, evaluation.Auc, 0.01);
        Assert.Equal(oracle.LogLoss, evaluation.LogLoss, 0.01);
        Assert.All(evaluation.Calibration.Where(b => b.Count >= 200), b => Assert.Equal(b.MeanPredicted, b.ObservedFrequency, 0.06));
    }

    /// <summary>Rows at times 0, 1, 2… from logit P = 2.5 + 1.5·x₁ − 0.8·x₂ + 0.3·x₃.</summary>
    internal static LabeledDataset Simulate(int rows, ulong seed, out double[] probabilities)
    {
        var random = new ScalarRandom(seed);
        var data = new LabeledDataset(["ofi", "spread", "vpin"]);
        probabilities = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double x1 = random.NextNormal();
            double x2 = 5 + (2 * random.NextNormal());
            double x3 = 10 * random.NextUniform();
            double p = 1 / (1 + Math.Exp(-(2.5 + (1.5 * x1) - (0.8 * x2) + (0.3 * x3))));
            probabilities[i] = p;
            data.Add(i, [x1, x2, x3], random.NextUniform() < p);
        }

        return data;
    }
}
