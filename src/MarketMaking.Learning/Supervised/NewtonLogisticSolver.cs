using MathNet.Numerics.LinearAlgebra;

namespace MarketMaking.Learning.Supervised;

/// <summary>
/// Minimizes Σᵢ log-loss(yᵢ, β₀ + xᵢ·w) + λ/2·‖w‖² by Newton's method (IRLS). Each step solves
/// H·Δ = −g by Cholesky, then halves Δ until the objective falls enough (Armijo), so the objective
/// never rises and the iteration cannot diverge, even on separable data.
/// </summary>
internal static class NewtonLogisticSolver
{
    private const double ArmijoFraction = 1e-4;
    private const int MaxHalvings = 60;

    /// <summary>
    /// <paramref name="x"/> is n × d row-major; <paramref name="beta"/> = [β₀, w₁…w_d] holds the
    /// start and receives the solution.
    /// </summary>
    public static (int Iterations, bool Converged) Solve(
        double[] x, ReadOnlySpan<bool> y, double lambda, double tolerance, int maxIterations, double[] beta)
    {
        int k = beta.Length;
        var gradient = new double[k];
        var hessian = new double[k, k];
        var step = new double[k];
        var trial = new double[k];
        double objective = Objective(x, y, lambda, beta);

        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            Derivatives(x, y, lambda, beta, gradient, hessian);
            for (int j = 0; j < k; j++)
            {
                step[j] = -gradient[j];
            }

            if (!SolveWithJitter(hessian, step))
            {
                return (iteration, false);
            }

            double largest = 0;
            double slope = 0;
            for (int j = 0; j < k; j++)
            {
                largest = Math.Max(largest, Math.Abs(step[j]) / (1 + Math.Abs(beta[j])));
                slope += gradient[j] * step[j];
            }

            if (largest <= tolerance)
            {
                // Close enough that the full step is safe: take it and stop.
                for (int j = 0; j < k; j++)
                {
                    beta[j] += step[j];
                }

                return (iteration, true);
            }

            double t = 1;
            bool accepted = false;
            for (int halving = 0; halving < MaxHalvings && !accepted; halving++, t /= 2)
            {
                for (int j = 0; j < k; j++)
                {
                    trial[j] = beta[j] + (t * step[j]);
                }

                double candidate = Objective(x, y, lambda, trial);
                if (candidate <= objective + (ArmijoFraction * t * slope))
                {
                    Array.Copy(trial, beta, k);
                    objective = candidate;
                    accepted = true;
                }
            }

            if (!accepted)
            {
                // No descent left at working precision, yet the step was not small: give up honestly.
                return (iteration, false);
            }
        }

        return (maxIterations, false);
    }

    public static double Logit(double[] x, int row, double[] beta)
    {
        int d = beta.Length - 1;
        double z = beta[0];
        int offset = row * d;
        for (int j = 0; j < d; j++)
        {
            z += beta[j + 1] * x[offset + j];
        }

        return z;
    }

    public static double Objective(double[] x, ReadOnlySpan<bool> y, double lambda, double[] beta)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double z = Logit(x, i, beta);
            sum += LogisticFunction.Softplus(y[i] ? -z : z);
        }

        double penalty = 0;
        for (int j = 1; j < beta.Length; j++)
        {
            penalty += beta[j] * beta[j];
        }

        return sum + (0.5 * lambda * penalty);
    }

    /// <summary>g = Xᵀ(p − y) + λ·[0, w] and H = Xᵀ·diag(p(1 − p))·X + λ·diag(0, 1, …, 1), X with a leading 1 column.</summary>
    public static void Derivatives(double[] x, ReadOnlySpan<bool> y, double lambda, double[] beta, double[] gradient, double[,] hessian)
    {
        int k = beta.Length;
        int d = k - 1;
        Array.Clear(gradient);
        Array.Clear(hessian);
        for (int i = 0; i < y.Length; i++)
        {
            double p = LogisticFunction.Sigmoid(Logit(x, i, beta));
            double residual = p - (y[i] ? 1 : 0);
            double weight = p * (1 - p);
            int offset = i * d;
            gradient[0] += residual;
            hessian[0, 0] += weight;
            for (int a = 0; a < d; a++)
            {
                double xa = x[offset + a];
                gradient[a + 1] += residual * xa;
                hessian[0, a + 1] += weight * xa;
                double wxa = weight * xa;
                for (int b = a; b < d; b++)
                {
                    hessian[a + 1, b + 1] += wxa * x[offset + b];
                }
            }
        }

        for (int a = 1; a < k; a++)
        {
            gradient[a] += lambda * beta[a];
            hessian[a, a] += lambda;
            for (int b = 0; b < a; b++)
            {
                hessian[a, b] = hessian[b, a];
            }
        }
    }

    /// <summary>
    /// Solves H·Δ = rhs in place (MathNet's Cholesky). When H is not positive definite to working
    /// precision (every probability saturated with λ = 0), a growing ridge is added: still a descent direction.
    /// </summary>
    private static bool SolveWithJitter(double[,] hessian, double[] rhs)
    {
        int k = rhs.Length;
        Matrix<double> h = Matrix<double>.Build.DenseOfArray(hessian);
        double scale = Math.Max(1, h.Diagonal().Maximum());
        Vector<double> b = Vector<double>.Build.DenseOfArray(rhs);
        double jitter = 0;
        for (int attempt = 0; attempt < 12; attempt++)
        {
            try
            {
                Matrix<double> ridged = jitter == 0 ? h : h + (Matrix<double>.Build.DenseIdentity(k) * jitter);
                ridged.Cholesky().Solve(b).CopyTo(Vector<double>.Build.Dense(rhs));
                return true;
            }
            catch (ArgumentException)
            {
                jitter = jitter == 0 ? 1e-12 * scale : jitter * 10;
            }
        }

        return false;
    }
}
