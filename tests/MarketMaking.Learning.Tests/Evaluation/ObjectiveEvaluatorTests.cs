using MarketMaking.Core.Errors;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Evaluation;
using MathNet.Numerics.LinearAlgebra;

namespace MarketMaking.Learning.Tests.Evaluation;

/// <summary>
/// The benchmark's two reference scores against values computed here without the engine: the optimum
/// against Cartea–Jaimungal's closed-form value function, a constant depth against the exact
/// expectation of its discrete-time inventory chain; the best constant against that chain's argmax.
/// </summary>
public class ObjectiveEvaluatorTests
{
    private static readonly EnvironmentSettings Cj = EnvironmentPresets.CarteaJaimungal;

    [Fact]
    public void TheOptimumScoresCarteaJaimungalsValueFunctionAtTimeZeroAndNoInventory()
    {
        var evaluator = new ObjectiveEvaluator(Cj, 20_000, 7);

        ObjectiveEstimate optimal = evaluator.Evaluate("cj", evaluator.Optimal());

        // h(0, 0) = ln ω_0(0)/κ = 6.3806. The market steps in dt = 0.01 (at most one fill per side a
        // step), which costs the optimum about 0.02 (a dynamic programme over the discrete steps gives
        // 6.356), well inside four standard errors of 20,000 trajectories (about 0.07).
        double value = ValueFunctionAtStart();
        Assert.Equal(6.3806, value, 4);
        Assert.InRange(optimal.Mean, value - (4 * optimal.StandardError), value + (4 * optimal.StandardError));
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(1.25)]
    [InlineData(1.8)]
    public void AConstantDepthScoresTheExactExpectationOfItsInventoryChain(double depth)
    {
        var evaluator = new ObjectiveEvaluator(Cj, 20_000, 11);

        ObjectiveEstimate constant = evaluator.Evaluate("constant", new ConstantDepthStrategy(depth, Cj.MaxInventory));

        double exact = ConstantDepthExpectation(depth);
        Assert.InRange(constant.Mean, exact - (4 * constant.StandardError), exact + (4 * constant.StandardError));
    }

    [Fact]
    public void TheBestConstantIsTheExactBestOnTheGridAndIsChosenOnItsOwnSeeds()
    {
        double[] grid = [.. Enumerable.Range(0, 31).Select(i => 0.5 + (0.05 * i))];
        double exactBest = grid.MaxBy(ConstantDepthExpectation);

        (double depth, ObjectiveEstimate estimate) = new ObjectiveEvaluator(Cj, 2_000, 3).BestConstant();
        (double again, _) = new ObjectiveEvaluator(Cj, 500, 99).BestConstant();

        // 1.25 by the exact chain (5.7795, against 5.7768 at 1.20 and 5.7683 at 1.30).
        Assert.Equal(1.25, exactBest, 12);
        Assert.Equal(exactBest, depth, 12);
        Assert.Equal(depth, again);   // chosen once, whatever the evaluation seeds
        Assert.Equal(2_000, estimate.PerTrajectory.Length);
        Assert.Throws<InvalidParameterException>(() => new ObjectiveEvaluator(Cj, 10, ObjectiveEvaluator.SelectionSeed));
    }

    [Fact]
    public void TheGapClosedIsTheShareOfTheDistanceFromConstantToOptimum()
    {
        ObjectiveEstimate Score(double mean) => new("s", mean, 0, 0, 0, 0, []);

        // (6.0 − 5.8)/(6.4 − 5.8) = 1/3; below the constant is negative, beyond the optimum above 1.
        Assert.Equal(1.0 / 3, ObjectiveEvaluator.GapClosed(Score(6.0), Score(5.8), Score(6.4)), 12);
        Assert.Equal(-0.5, ObjectiveEvaluator.GapClosed(Score(5.5), Score(5.8), Score(6.4)), 12);
    }

    /// <summary>
    /// Cartea–Jaimungal: ω(t) = e^(A(T−t))·z with A tridiagonal, A_qq = −κφq², A_q,q±1 = λe^(−1)
    /// where q ± 1 stays within ±Q, z_q = e^(−καq²); h(t, q) = ln ω_q(t)/κ. A is symmetric, so its
    /// exponential is taken through MathNet's eigendecomposition (not the toolkit's own exponential).
    /// </summary>
    private static double ValueFunctionAtStart()
    {
        int maxInventory = Cj.MaxInventory, n = (2 * maxInventory) + 1;
        double lambda = Cj.Market.A, kappa = Cj.Market.Kappa;
        Matrix<double> a = Matrix<double>.Build.Dense(n, n, (i, j) =>
            i == j ? -kappa * Cj.Phi * (i - maxInventory) * (i - maxInventory)
            : Math.Abs(i - j) == 1 ? lambda * Math.Exp(-1) : 0);
        var evd = a.Evd(Symmetricity.Symmetric);
        Matrix<double> exponential = evd.EigenVectors
            * Matrix<double>.Build.DenseOfDiagonalArray([.. evd.EigenValues.Select(l => Math.Exp(l.Real * Cj.Market.Horizon))])
            * evd.EigenVectors.Transpose();
        Vector<double> z = Vector<double>.Build.Dense(n, i => Math.Exp(-kappa * Cj.TerminalPenalty * (i - maxInventory) * (i - maxInventory)));
        return Math.Log((exponential * z)[maxInventory]) / kappa;
    }

    /// <summary>
    /// The exact expected objective of a constant depth δ in the discrete-time market, backwards over
    /// the steps: each step pays −φq²dt, each side fills independently with probability p = λe^(−κδ)dt
    /// (not quoted past ±Q) and earns δ; the mid's moves have mean zero; at the end −αq².
    /// </summary>
    private static double ConstantDepthExpectation(double depth)
    {
        int maxInventory = Cj.MaxInventory, n = (2 * maxInventory) + 1;
        double dt = Cj.Market.TimeStep, p = Cj.Market.A * Math.Exp(-Cj.Market.Kappa * depth) * dt;
        int steps = (int)Math.Round(Cj.Market.Horizon / dt);
        double[] value = [.. Enumerable.Range(-maxInventory, n).Select(q => -Cj.TerminalPenalty * q * q)];
        for (int step = 0; step < steps; step++)
        {
            double[] next = new double[n];
            for (int i = 0; i < n; i++)
            {
                int q = i - maxInventory;
                double buy = q < maxInventory ? p : 0, sell = q > -maxInventory ? p : 0;
                double up = q < maxInventory ? value[i + 1] : 0, down = q > -maxInventory ? value[i - 1] : 0;
                next[i] = (-Cj.Phi * q * q * dt) + (depth * (buy + sell))
                    + (buy * (1 - sell) * up) + ((1 - buy) * sell * down) + (((buy * sell) + ((1 - buy) * (1 - sell))) * value[i]);
            }

            value = next;
        }

        return value[maxInventory];
    }
}
