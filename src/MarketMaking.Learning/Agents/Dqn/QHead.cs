using System.Numerics.Tensors;

namespace MarketMaking.Learning.Agents.Dqn;

/// <summary>
/// Reads action values from a network output row: one output per action, or (factored) a bid
/// part and an ask part whose sum is Q(s, bid, ask), so the greedy action is the best bid with
/// the best ask.
/// </summary>
public readonly struct QHead
{
    private readonly int _asks;
    private readonly int _bids;

    public QHead(int actionCount, int factoredAskCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        if (factoredAskCount > 0 && actionCount % factoredAskCount != 0)
        {
            throw new Core.Errors.InvalidParameterException("factored_ask_count", $"{actionCount} actions are not a grid with {factoredAskCount} ask depths");
        }

        ActionCount = actionCount;
        _asks = factoredAskCount;
        _bids = factoredAskCount > 0 ? actionCount / factoredAskCount : 0;
        OutputSize = factoredAskCount > 0 ? _bids + _asks : actionCount;
    }

    public int ActionCount { get; }

    /// <summary>Network outputs per row.</summary>
    public int OutputSize { get; }

    public float Value(ReadOnlySpan<float> row, int action) =>
        _asks == 0 ? row[action] : row[action / _asks] + row[_bids + (action % _asks)];

    public int Greedy(ReadOnlySpan<float> row) =>
        _asks == 0
            ? TensorPrimitives.IndexOfMax(row[..OutputSize])
            : (TensorPrimitives.IndexOfMax(row[.._bids]) * _asks) + TensorPrimitives.IndexOfMax(row.Slice(_bids, _asks));

    public float Max(ReadOnlySpan<float> row) => Value(row, Greedy(row));

    /// <summary>Adds ∂loss/∂Q(s, action) to the output gradient row.</summary>
    public void AddGradient(Span<float> row, int action, float gradient)
    {
        if (_asks == 0)
        {
            row[action] += gradient;
            return;
        }

        row[action / _asks] += gradient;
        row[_bids + (action % _asks)] += gradient;
    }
}
