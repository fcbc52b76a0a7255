using MarketMaking.Core.Errors;
using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;
using MarketMaking.Signals.Statistics;

namespace MarketMaking.Signals.Book;

/// <summary>
/// Estimates Stoikov's micro-price adjustment from observed books (Stoikov 2018, "The
/// micro-price", Quantitative Finance 18(12)). The caller samples the book (every update, or at a
/// fixed time step as the paper does) and passes each sample to <see cref="Observe"/>, which only
/// counts transitions between consecutive states x = (imbalance bucket, spread) and the mid
/// change between them: O(1), no allocation. <see cref="Fit"/> then solves
/// G¹ = (I − Q)⁻¹R·K, B = (I − Q)⁻¹T and sums G* = Σₖ Bᵏ G¹, where Q holds the transitions
/// without a mid change, T those with one and R·K the mean mid change. Every transition is also
/// counted mirrored (imbalance negated, mid change negated), the paper's symmetrization, which
/// makes the sum converge.
/// </summary>
public sealed class MicropriceEstimator
{
    private const int MaxTerms = 10_000;

    private readonly int _states;
    private readonly long[] _fromCount;
    private readonly long[] _stayCount;
    private readonly long[] _moveCount;
    private readonly double[] _changeSum;
    private int _previousState = -1;
    private double _previousMid;

    public MicropriceEstimator(int imbalanceBuckets = 10, int spreadBuckets = 2)
    {
        ImbalanceBuckets = MicropriceModel.RequireBuckets("imbalance_buckets", imbalanceBuckets, 2);
        SpreadBuckets = MicropriceModel.RequireBuckets("spread_buckets", spreadBuckets, 1);
        _states = imbalanceBuckets * spreadBuckets;
        _fromCount = new long[_states];
        _stayCount = new long[_states * _states];
        _moveCount = new long[_states * _states];
        _changeSum = new double[_states];
    }

    public int ImbalanceBuckets { get; }

    public int SpreadBuckets { get; }

    /// <summary>Transitions counted (each once, before mirroring).</summary>
    public long Transitions { get; private set; }

    /// <summary>Transitions in which the mid changed.</summary>
    public long MidChanges { get; private set; }

    /// <summary>
    /// Counts the transition from the previous sample to this one. A book with an empty side or a
    /// spread below one tick breaks the chain: the next sample starts a new one.
    /// </summary>
    public void Observe(IOrderBookView book)
    {
        BookLevel bid = book.Best(Side.Buy);
        BookLevel ask = book.Best(Side.Sell);
        long spread = ask.Price - bid.Price;
        if (bid.IsEmpty || ask.IsEmpty || spread < 1)
        {
            _previousState = -1;
            return;
        }

        double imbalance = (double)(bid.Size - ask.Size) / (bid.Size + ask.Size);
        int state = MicropriceModel.StateIndex(imbalance, spread, ImbalanceBuckets, SpreadBuckets);
        double mid = (bid.Price + ask.Price) / 2.0;
        if (_previousState >= 0)
        {
            double change = mid - _previousMid;
            Count(_previousState, state, change);
            Count(Mirror(_previousState), Mirror(state), -change);
            Transitions++;
            if (change != 0)
            {
                MidChanges++;
            }
        }

        _previousState = state;
        _previousMid = mid;
    }

    /// <summary>
    /// Fits G* from the transitions so far. States never left are NaN in the model (the
    /// micro-price falls back to the weighted mid there).
    /// </summary>
    /// <exception cref="InsufficientDataException">No mid change observed, some observed state never leads to one, or the series does not converge.</exception>
    public MicropriceModel Fit()
    {
        if (MidChanges == 0)
        {
            throw new InsufficientDataException("micro-price: no mid change observed yet");
        }

        int n = _states;
        var system = new double[n, n];
        var rightHand = new double[n, n + 1]; // column 0: R·K; columns 1..n: T
        for (int x = 0; x < n; x++)
        {
            system[x, x] = 1;
            long from = _fromCount[x];
            if (from == 0)
            {
                continue;
            }

            rightHand[x, 0] = _changeSum[x] / from;
            for (int y = 0; y < n; y++)
            {
                system[x, y] -= (double)_stayCount[(x * n) + y] / from;
                rightHand[x, y + 1] = (double)_moveCount[(x * n) + y] / from;
            }
        }

        if (!DenseLinearSolver.TrySolve(system, rightHand))
        {
            throw new InsufficientDataException("micro-price: some observed state never leads to a mid change; observe more data");
        }

        var total = new double[n];
        var term = new double[n];
        var next = new double[n];
        for (int x = 0; x < n; x++)
        {
            term[x] = rightHand[x, 0];
            total[x] = term[x];
        }

        bool converged = false;

        // Bᵏ G¹ shrinks geometrically once symmetrization has removed the stationary component.
        for (int k = 1; k < MaxTerms; k++)
        {
            double largest = 0;
            for (int x = 0; x < n; x++)
            {
                double sum = 0;
                for (int y = 0; y < n; y++)
                {
                    sum += rightHand[x, y + 1] * term[y];
                }

                next[x] = sum;
                largest = Math.Max(largest, Math.Abs(sum));
            }

            (term, next) = (next, term);
            for (int x = 0; x < n; x++)
            {
                total[x] += term[x];
            }

            if (largest < 1e-12)
            {
                converged = true;
                break;
            }
        }

        if (!converged)
        {
            throw new InsufficientDataException("micro-price: Σ Bᵏ G¹ does not converge (the states after mid changes do not mix); observe more data");
        }

        for (int x = 0; x < n; x++)
        {
            if (_fromCount[x] == 0)
            {
                total[x] = double.NaN;
            }
        }

        return new MicropriceModel(ImbalanceBuckets, SpreadBuckets, total);
    }

    private void Count(int from, int to, double change)
    {
        _fromCount[from]++;
        if (change == 0)
        {
            _stayCount[(from * _states) + to]++;
        }
        else
        {
            _moveCount[(from * _states) + to]++;
            _changeSum[from] += change;
        }
    }

    // Equal-width buckets on [−1, 1]: negating I maps bucket i to n − 1 − i.
    private int Mirror(int state)
    {
        int spreadBucket = state / ImbalanceBuckets;
        int bucket = state % ImbalanceBuckets;
        return (spreadBucket * ImbalanceBuckets) + (ImbalanceBuckets - 1 - bucket);
    }
}
