using System.Numerics.Tensors;

namespace MarketMaking.Learning.Agents.Dqn;

/// <summary>
/// Reads action values from a network output row. Plain: one output per action. Factored: a bid
/// part and an ask part whose sum is Q(s, bid, ask), so the greedy action is the best bid with the
/// best ask. Dueling (Wang et al. 2016): the row starts with a state value V(s) and each part is an
/// advantage centred on its mean. Smooth (degree d): the row is V(s) and, per side, d coefficients
/// of centred Legendre polynomials in the depth's rank, so neighbouring depths share what the
/// network learns of one (the advantage of a depth is a smooth curve, and a sample of one depth
/// moves the whole curve instead of one output that is otherwise only guessed from other states).
/// </summary>
public sealed class QHead
{
    private readonly Side _bidSide;
    private readonly Side? _askSide;
    private readonly int _offset;

    public QHead(int actionCount, int factoredAskCount, bool dueling = false, int smoothDegree = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(smoothDegree);
        if (factoredAskCount > 0 && actionCount % factoredAskCount != 0)
        {
            throw new Core.Errors.InvalidParameterException("factored_ask_count", $"{actionCount} actions are not a grid with {factoredAskCount} ask depths");
        }

        ActionCount = actionCount;
        AskCount = factoredAskCount;
        Dueling = dueling;
        SmoothDegree = smoothDegree;
        _offset = dueling || smoothDegree > 0 ? 1 : 0;
        int bids = factoredAskCount > 0 ? actionCount / factoredAskCount : actionCount;
        _bidSide = new Side(bids, _offset == 1, smoothDegree);
        _askSide = factoredAskCount > 0 ? new Side(factoredAskCount, _offset == 1, smoothDegree) : null;
        OutputSize = _offset + _bidSide.Width + (_askSide?.Width ?? 0);
    }

    public int ActionCount { get; }

    /// <summary>Ask depths of a factored grid; 0 when every action has its own output.</summary>
    public int AskCount { get; }

    public bool Dueling { get; }

    public int SmoothDegree { get; }

    /// <summary>Network outputs per row.</summary>
    public int OutputSize { get; }

    /// <summary>Reads output rows the same way (so rows of several networks can be averaged first).</summary>
    public bool SameAs(QHead other) =>
        other is not null && ActionCount == other.ActionCount && AskCount == other.AskCount && Dueling == other.Dueling && SmoothDegree == other.SmoothDegree;

    public float Value(ReadOnlySpan<float> row, int action)
    {
        float value = _offset == 1 ? row[0] : 0;
        if (_askSide is not { } asks)
        {
            return value + _bidSide.Value(row.Slice(_offset, _bidSide.Width), action);
        }

        return value
            + _bidSide.Value(row.Slice(_offset, _bidSide.Width), action / AskCount)
            + asks.Value(row.Slice(_offset + _bidSide.Width, asks.Width), action % AskCount);
    }

    public int Greedy(ReadOnlySpan<float> row)
    {
        int best = _bidSide.Greedy(row.Slice(_offset, _bidSide.Width));
        return _askSide is not { } asks ? best : (best * AskCount) + asks.Greedy(row.Slice(_offset + _bidSide.Width, asks.Width));
    }

    public float Max(ReadOnlySpan<float> row) => Value(row, Greedy(row));

    /// <summary>Adds ∂loss/∂Q(s, action) to the output gradient row.</summary>
    public void AddGradient(Span<float> row, int action, float gradient)
    {
        if (_offset == 1)
        {
            row[0] += gradient;
        }

        if (_askSide is not { } asks)
        {
            _bidSide.AddGradient(row.Slice(_offset, _bidSide.Width), action, gradient);
            return;
        }

        _bidSide.AddGradient(row.Slice(_offset, _bidSide.Width), action / AskCount, gradient);
        asks.AddGradient(row.Slice(_offset + _bidSide.Width, asks.Width), action % AskCount, gradient);
    }

    /// <summary>
    /// One side's values as basis · outputs: the identity (one output per choice), the identity
    /// minus its mean (dueling advantages), or centred Legendre polynomials P₁..P_d of the choice's
    /// rank mapped to [−1, 1].
    /// </summary>
    private sealed class Side
    {
        private readonly int _choices;
        private readonly bool _centred;
        private readonly float[]? _basis;

        public Side(int choices, bool centred, int degree)
        {
            _choices = choices;
            _centred = centred;
            if (degree == 0)
            {
                Width = choices;
                return;
            }

            Width = degree;
            _basis = new float[choices * degree];
            for (int j = 0; j < choices; j++)
            {
                double x = choices == 1 ? 0 : (2.0 * j / (choices - 1)) - 1;
                double previous = 1, current = x;
                for (int k = 1; k <= degree; k++)
                {
                    _basis[(j * degree) + k - 1] = (float)current;
                    (previous, current) = (current, (((2 * k) + 1) * x * current - (k * previous)) / (k + 1));
                }
            }

            for (int k = 0; k < degree; k++)
            {
                double mean = 0;
                for (int j = 0; j < choices; j++)
                {
                    mean += _basis[(j * degree) + k];
                }

                mean /= choices;
                for (int j = 0; j < choices; j++)
                {
                    _basis[(j * degree) + k] -= (float)mean;
                }
            }
        }

        public int Width { get; }

        public float Value(ReadOnlySpan<float> outputs, int choice)
        {
            if (_basis is not null)
            {
                return TensorPrimitives.Dot(outputs, _basis.AsSpan(choice * Width, Width));
            }

            return _centred ? outputs[choice] - (TensorPrimitives.Sum(outputs) / _choices) : outputs[choice];
        }

        public int Greedy(ReadOnlySpan<float> outputs)
        {
            if (_basis is null)
            {
                return TensorPrimitives.IndexOfMax(outputs);
            }

            int best = 0;
            float bestValue = float.NegativeInfinity;
            for (int j = 0; j < _choices; j++)
            {
                float value = TensorPrimitives.Dot(outputs, _basis.AsSpan(j * Width, Width));
                if (value > bestValue)
                {
                    (best, bestValue) = (j, value);
                }
            }

            return best;
        }

        public void AddGradient(Span<float> outputs, int choice, float gradient)
        {
            if (_basis is not null)
            {
                TensorPrimitives.MultiplyAdd(_basis.AsSpan(choice * Width, Width), gradient, outputs, outputs);
                return;
            }

            // ∂(A_i − mean A)/∂A_j = [i = j] − 1/n.
            if (_centred)
            {
                TensorPrimitives.Add(outputs, -gradient / _choices, outputs);
            }

            outputs[choice] += gradient;
        }
    }
}
