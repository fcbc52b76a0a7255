using System.Numerics;

namespace MarketMaking.Strategies.Numerics;

/// <summary>
/// w = exp(−M·τ)·z for a symmetric tridiagonal M with strictly negative off-diagonal entries
/// (the generator of the GLFT and Cartea–Jaimungal value functions), returned up to a positive
/// scale factor: the largest component of every result is 1. Only ratios w_i/w_{i+1} carry meaning.
/// </summary>
/// <remarks>
/// WHY this algorithm: M's smallest eigenvalue is usually negative, so exp(−Mτ) overflows for
/// long horizons, and the components of w span many orders of magnitude, so any method that
/// cancels (eigenvectors, Padé) loses the small ones. With c = max d_i, B = cI − M is entrywise
/// non-negative and exp(−Mτ) = e^(−cτ)·exp(Bτ): every term of the Taylor series of exp(B·h) is
/// non-negative and so is every product when squaring, hence each entry keeps full relative
/// precision; rescaling after every squaring removes the scalar e^(…) that would overflow.
/// Components below ~1e-308 of the largest underflow to 0.
/// </remarks>
public sealed class TridiagonalExponential
{
    // Keeps ‖B·h‖∞ ≤ 1/2 so the Taylor terms decay at least like 2^−k/k!.
    private const double TaylorNormBound = 0.5;

    // Convergence of the stationary vector; squaring converges doubly exponentially, so the
    // result is far more accurate than this once the change falls below it.
    private const double StationaryTolerance = 1e-12;

    // 2^MaxSquarings·τ0·(spectral gap) ≫ 1 for any representable gap.
    private const int MaxSquarings = 128;

    private readonly double[] _shiftedDiagonal;
    private readonly double[] _coupling;
    private readonly double _norm;

    /// <param name="diagonal">d_0 … d_{n−1}.</param>
    /// <param name="offDiagonal">e_0 … e_{n−2} (M[i, i+1] = M[i+1, i] = e_i), each finite and &lt; 0.</param>
    public TridiagonalExponential(ReadOnlySpan<double> diagonal, ReadOnlySpan<double> offDiagonal)
    {
        if (diagonal.IsEmpty || offDiagonal.Length != diagonal.Length - 1)
        {
            throw new ArgumentException("need n ≥ 1 diagonal and n − 1 off-diagonal entries", nameof(offDiagonal));
        }

        foreach (var d in diagonal)
        {
            if (!double.IsFinite(d))
            {
                throw new ArgumentException("diagonal entries must be finite", nameof(diagonal));
            }
        }

        foreach (var e in offDiagonal)
        {
            // Strictly negative keeps the matrix irreducible: w > 0 and a unique stationary vector.
            if (!(e < 0 && double.IsFinite(e)))
            {
                throw new ArgumentException("off-diagonal entries must be finite and negative", nameof(offDiagonal));
            }
        }

        Size = diagonal.Length;
        var max = double.NegativeInfinity;
        foreach (var d in diagonal)
        {
            max = Math.Max(max, d);
        }

        _shiftedDiagonal = new double[Size];
        _coupling = new double[Size - 1];
        for (var i = 0; i < Size; i++)
        {
            _shiftedDiagonal[i] = max - diagonal[i];
        }

        for (var i = 0; i < Size - 1; i++)
        {
            _coupling[i] = -offDiagonal[i];
        }

        for (var i = 0; i < Size; i++)
        {
            var row = _shiftedDiagonal[i] + (i > 0 ? _coupling[i - 1] : 0) + (i < Size - 1 ? _coupling[i] : 0);
            _norm = Math.Max(_norm, row);
        }
    }

    /// <summary>Dimension n of M.</summary>
    public int Size { get; }

    /// <summary>w ∝ exp(−M·τ)·z with max w = 1.</summary>
    /// <param name="tau">Finite, ≥ 0.</param>
    /// <param name="z">Non-negative, not all zero.</param>
    public void Apply(double tau, ReadOnlySpan<double> z, Span<double> w) => ApplyOnGrid(z, tau, 0, w);

    /// <summary>
    /// Row k of <paramref name="results"/> (row-major, n columns) receives w(τ_k) ∝ exp(−M·τ_k)·z
    /// with τ_k = <paramref name="firstTau"/> + k·<paramref name="step"/>, each scaled to max 1.
    /// One propagator exp(−M·step) is built and applied row after row.
    /// </summary>
    public void ApplyOnGrid(ReadOnlySpan<double> z, double firstTau, double step, Span<double> results)
    {
        var n = Size;
        if (z.Length != n || results.IsEmpty || results.Length % n != 0)
        {
            throw new ArgumentException($"z needs {n} entries and results a multiple of {n}");
        }

        if (!(firstTau >= 0 && double.IsFinite(firstTau) && step >= 0 && double.IsFinite(step)))
        {
            throw new ArgumentOutOfRangeException(nameof(firstTau), "times must be finite and ≥ 0");
        }

        foreach (var value in z)
        {
            if (!(value >= 0 && double.IsFinite(value)))
            {
                throw new ArgumentException("z must be finite and non-negative", nameof(z));
            }
        }

        var row = results[..n];
        Multiply(Propagator(firstTau), z, row);
        if (!Normalize(row))
        {
            throw new ArgumentException("z must not be all zero", nameof(z));
        }

        var count = results.Length / n;
        if (count == 1)
        {
            return;
        }

        var propagator = Propagator(step);
        for (var k = 1; k < count; k++)
        {
            var next = results.Slice(k * n, n);
            Multiply(propagator, results.Slice((k - 1) * n, n), next);
            Normalize(next);
        }
    }

    /// <summary>
    /// The τ → ∞ limit: the eigenvector of M's smallest eigenvalue (all components &gt; 0), max 1.
    /// It is the limit of w(τ) for every non-negative, non-zero z.
    /// </summary>
    public void Stationary(Span<double> w)
    {
        var n = Size;
        if (w.Length != n)
        {
            throw new ArgumentException($"w needs {n} entries", nameof(w));
        }

        if (n == 1)
        {
            w[0] = 1;
            return;
        }

        // Squaring exp(−M·τ0) doubles τ each time; the matrix tends to a multiple of v·vᵀ, so its
        // row sums tend to the stationary vector v.
        var matrix = Propagator(1 / _norm);
        RowSums(matrix, w);
        var next = new double[n];
        var product = new double[n * n];
        for (var k = 0; k < MaxSquarings; k++)
        {
            Square(matrix, product);
            (matrix, product) = (product, matrix);
            RowSums(matrix, next);
            var converged = true;
            for (var i = 0; i < n; i++)
            {
                // Written without a division so components that underflowed to 0 count as converged.
                converged &= Math.Abs(next[i] - w[i]) <= StationaryTolerance * w[i];
            }

            next.CopyTo(w);
            if (converged)
            {
                return;
            }
        }
    }

    /// <summary>Dense row-major matrix proportional to exp(−M·τ), scaled to max entry 1.</summary>
    private double[] Propagator(double tau)
    {
        var n = Size;
        var h = tau;
        var squarings = 0;
        while (h * _norm > TaylorNormBound)
        {
            h *= 0.5;
            squarings++;
        }

        var sum = new double[n * n];
        var term = new double[n * n];
        var next = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            sum[(i * n) + i] = 1;
            term[(i * n) + i] = 1;
        }

        // Sum until adding a term changes no entry. Entry (i, j) first appears in term |i − j|,
        // so the far entries keep the loop going until they are in too.
        for (var k = 1; ; k++)
        {
            var factor = h / k;
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var value = _shiftedDiagonal[i] * term[(i * n) + j];
                    if (i > 0)
                    {
                        value += _coupling[i - 1] * term[((i - 1) * n) + j];
                    }

                    if (i < n - 1)
                    {
                        value += _coupling[i] * term[((i + 1) * n) + j];
                    }

                    value *= factor;
                    next[(i * n) + j] = value;
                    var updated = sum[(i * n) + j] + value;
                    changed |= updated != sum[(i * n) + j];
                    sum[(i * n) + j] = updated;
                }
            }

            (term, next) = (next, term);
            if (!changed)
            {
                break;
            }
        }

        for (var s = 0; s < squarings; s++)
        {
            Square(sum, term);
            (sum, term) = (term, sum);
        }

        Normalize(sum);
        return sum;
    }

    /// <summary>product = matrix², scaled to max entry 1 (the scale would overflow otherwise).</summary>
    private void Square(double[] matrix, double[] product)
    {
        var n = Size;
        Array.Clear(product);
        for (var i = 0; i < n; i++)
        {
            var target = product.AsSpan(i * n, n);
            for (var k = 0; k < n; k++)
            {
                var a = matrix[(i * n) + k];
                if (a == 0)
                {
                    continue;
                }

                var source = matrix.AsSpan(k * n, n);
                var factor = new Vector<double>(a);
                var j = 0;
                for (; j <= n - Vector<double>.Count; j += Vector<double>.Count)
                {
                    (new Vector<double>(target[j..]) + (factor * new Vector<double>(source[j..]))).CopyTo(target[j..]);
                }

                for (; j < n; j++)
                {
                    target[j] += a * source[j];
                }
            }
        }

        Normalize(product);
    }

    private void Multiply(double[] matrix, ReadOnlySpan<double> vector, Span<double> result)
    {
        var n = Size;
        for (var i = 0; i < n; i++)
        {
            var row = matrix.AsSpan(i * n, n);
            var value = 0.0;
            for (var j = 0; j < n; j++)
            {
                value += row[j] * vector[j];
            }

            result[i] = value;
        }
    }

    private void RowSums(double[] matrix, Span<double> result)
    {
        var n = Size;
        for (var i = 0; i < n; i++)
        {
            var value = 0.0;
            foreach (var entry in matrix.AsSpan(i * n, n))
            {
                value += entry;
            }

            result[i] = value;
        }

        Normalize(result);
    }

    /// <summary>Scales to max 1; false when every entry is 0.</summary>
    private static bool Normalize(Span<double> values)
    {
        var max = 0.0;
        foreach (var value in values)
        {
            max = Math.Max(max, value);
        }

        if (max == 0)
        {
            return false;
        }

        foreach (ref var value in values)
        {
            value /= max;
        }

        return true;
    }
}
