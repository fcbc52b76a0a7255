using MarketMaking.Strategies.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace MarketMaking.Strategies.Tests.Numerics;

public class TridiagonalExponentialTests
{
    [Theory]
    [InlineData(1.0, 2.25636690981088)]
    [InlineData(0.25, 1.480158170854455)]
    public void TwoByTwoMatchesHandFormula(double tau, double expectedRatio)
    {
        // M = [[1, −1], [−1, 3]]: mean m = 2, s = √((1−3)²/4 + 1) = √2,
        // exp(−Mτ) = e^(−2τ)·[cosh(√2τ)·I − sinh(√2τ)/√2·(M − 2I)], (M − 2I)·(1, 1) = (−2, 0),
        // so w ∝ (cosh + √2·sinh, cosh) and w0/w1 = 1 + √2·tanh(√2τ): τ = 1 → 2.256367, τ = 0.25 → 1.480158.
        var exponential = new TridiagonalExponential([1, 3], [-1]);
        var w = new double[2];

        exponential.Apply(tau, [1, 1], w);

        Assert.Equal(expectedRatio, w[0] / w[1], 12);
        Assert.Equal(1.0, Math.Max(w[0], w[1]));
        Assert.Equal(1 + (Math.Sqrt(2) * Math.Tanh(Math.Sqrt(2) * tau)), w[0] / w[1], 12);
    }

    [Fact]
    public void StationaryOfTwoByTwoIsGroundState()
    {
        // Smallest eigenvalue of [[1, −1], [−1, 3]] is 2 − √2; (1 − 2 + √2)·v0 = v1, so v0/v1 = 1 + √2,
        // the τ → ∞ limit of 1 + √2·tanh(√2τ).
        var exponential = new TridiagonalExponential([1, 3], [-1]);
        var w = new double[2];

        exponential.Stationary(w);

        Assert.Equal(1 + Math.Sqrt(2), w[0] / w[1], 13);
    }

    [Fact]
    public void ZeroTimeReturnsTheScaledVector()
    {
        var exponential = new TridiagonalExponential([1, 2, 3], [-1, -1]);
        var w = new double[3];

        exponential.Apply(0, [2, 4, 1], w);

        Assert.Equal([0.5, 1, 0.25], w);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.0)]
    public void MatchesDenseEigendecomposition(double tau)
    {
        // Independent reference: V·exp(−Λτ)·Vᵀ·z from MathNet's symmetric eigendecomposition, exact
        // enough here because no component of w is tiny.
        double[] diagonal = [0.4, -1.2, 0.0, 2.5, 0.7, 1.1, -0.3];
        double[] offDiagonal = [-0.8, -1.5, -0.2, -1.0, -0.6, -0.9];
        double[] z = [0.3, 1.0, 0.7, 0.2, 0.9, 0.5, 0.4];
        var n = diagonal.Length;
        var dense = Matrix<double>.Build.Dense(n, n, (i, j) =>
            i == j ? diagonal[i] : Math.Abs(i - j) == 1 ? offDiagonal[Math.Min(i, j)] : 0);
        var evd = dense.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var decay = Matrix<double>.Build.DenseOfDiagonalArray(evd.EigenValues.Select(l => Math.Exp(-l.Real * tau)).ToArray());
        var expected = evd.EigenVectors * decay * evd.EigenVectors.Transpose() * Vector<double>.Build.DenseOfArray(z);
        var w = new double[n];

        new TridiagonalExponential(diagonal, offDiagonal).Apply(tau, z, w);

        var scale = expected.Maximum();
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(expected[i] / scale, w[i], 12);
        }
    }

    [Fact]
    public void KeepsRelativePrecisionOfTinyComponents()
    {
        // M = [[0, e], [e, 10]], e = −1e−100, z = (1, 0): m = 5, s = 5 (to 1e−200), M − 5I = [[−5, e], [e, 5]],
        // w = e^(−5τ)·[cosh(5τ)·(1, 0) − sinh(5τ)/5·(−5, e)] = (1, |e|·(1 − e^(−10τ))/10).
        // An eigendecomposition loses w1 entirely (it is 1e−101 next to 1).
        var exponential = new TridiagonalExponential([0, 10], [-1e-100]);
        var w = new double[2];

        exponential.Apply(1, [1, 0], w);

        Assert.Equal(1.0, w[0]);
        Assert.Equal(1.0, w[1] / (1e-101 * (1 - Math.Exp(-10))), 12);
    }

    [Fact]
    public void KeepsComponentsFarFromTheSource()
    {
        // Path of 30 nodes (d = 0, e = −1), z = (1, 0, …, 0), τ = 0.1: w_j = Σ_k τ^k/k!·(walks of length k
        // from 0 to j), so w_29 ≈ 0.1^29/29! ≈ 1.1e−60 — reached only by the 29th Taylor term.
        const int n = 30;
        const double tau = 0.1;
        var z = new double[n];
        z[0] = 1;
        var walks = (double[])z.Clone();
        var expected = (double[])z.Clone();
        var weight = 1.0;
        for (var k = 1; k <= 80; k++)
        {
            walks = Enumerable.Range(0, n).Select(j => (j > 0 ? walks[j - 1] : 0) + (j < n - 1 ? walks[j + 1] : 0)).ToArray();
            weight *= tau / k;
            for (var j = 0; j < n; j++)
            {
                expected[j] += weight * walks[j];
            }
        }

        var w = new double[n];

        new TridiagonalExponential(new double[n], Enumerable.Repeat(-1.0, n - 1).ToArray()).Apply(tau, z, w);

        Assert.InRange(w[n - 1], 1e-61, 1e-59);
        for (var j = 0; j < n; j++)
        {
            Assert.Equal(1.0, w[j] / w[0] / (expected[j] / expected[0]), 12);
        }
    }

    [Fact]
    public void StationaryOfPathGraphIsSine()
    {
        // M = −(adjacency of a path of n nodes): ground state v_j = sin(π(j+1)/(n+1)).
        const int n = 9;
        var diagonal = new double[n];
        var offDiagonal = Enumerable.Repeat(-1.0, n - 1).ToArray();
        var w = new double[n];

        new TridiagonalExponential(diagonal, offDiagonal).Stationary(w);

        for (var j = 0; j < n; j++)
        {
            Assert.Equal(Math.Sin(Math.PI * (j + 1) / (n + 1)), w[j], 13);
        }
    }

    [Fact]
    public void LongHorizonStaysFiniteAndReachesStationary()
    {
        // GLFT generator (Q = 20): its smallest eigenvalue is ≈ −95, so exp(−Mτ) itself would be e^95000.
        var (diagonal, offDiagonal) = GlftGenerator(20);
        var exponential = new TridiagonalExponential(diagonal, offDiagonal);
        var w = new double[41];
        var stationary = new double[41];

        exponential.Apply(1000, Enumerable.Repeat(1.0, 41).ToArray(), w);
        exponential.Stationary(stationary);

        for (var i = 0; i < 41; i++)
        {
            Assert.True(w[i] > 0 && double.IsFinite(w[i]));
            Assert.Equal(1.0, w[i] / stationary[i], 12);
        }
    }

    [Fact]
    public void GridRowsEqualSeparateApplications()
    {
        var (diagonal, offDiagonal) = GlftGenerator(5);
        var exponential = new TridiagonalExponential(diagonal, offDiagonal);
        var z = Enumerable.Repeat(1.0, 11).ToArray();
        var grid = new double[4 * 11];
        var single = new double[11];

        exponential.ApplyOnGrid(z, 0.05, 0.1, grid);

        for (var k = 0; k < 4; k++)
        {
            exponential.Apply(0.05 + (k * 0.1), z, single);
            for (var i = 0; i < 11; i++)
            {
                Assert.Equal(single[i], grid[(k * 11) + i], 13);
            }
        }
    }

    [Fact]
    public void RejectsNonNegativeOffDiagonal()
    {
        Assert.Throws<ArgumentException>(() => new TridiagonalExponential([1, 2], [0]));
        Assert.Throws<ArgumentException>(() => new TridiagonalExponential([1, 2], [0.5]));
    }

    [Fact]
    public void RejectsZeroVector()
    {
        var exponential = new TridiagonalExponential([1, 2], [-1]);

        Assert.Throws<ArgumentException>(() => exponential.Apply(1, [0, 0], new double[2]));
    }

    /// <summary>α·q² on the diagonal and −η off it with γ = 0.1, σ = 2, A = 140, κ = 1.5.</summary>
    private static (double[] Diagonal, double[] OffDiagonal) GlftGenerator(int limit)
    {
        const double alpha = 0.3; // κγσ²/2 = 1.5·0.1·4/2
        var eta = 140 * Math.Pow(1 + (0.1 / 1.5), -(1 + (1.5 / 0.1)));
        var diagonal = Enumerable.Range(-limit, (2 * limit) + 1).Select(q => alpha * q * q).ToArray();
        return (diagonal, Enumerable.Repeat(-eta, 2 * limit).ToArray());
    }
}
