using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MarketMaking.Core.Randomness;

namespace MarketMaking.Learning.Environments;

/// <summary>
/// The depths and fill thresholds (<see cref="ScalarRandomLanes.UniformThreshold"/>) of each discrete
/// action bid_index · ask_count + ask_index, looked up for four trajectories at once.
/// </summary>
internal sealed class ActionTable
{
    private readonly double[] _bidDepth;
    private readonly double[] _askDepth;
    private readonly long[] _bidThreshold;
    private readonly long[] _askThreshold;

    public ActionTable(double[] bidDepth, double[] bidFill, double[] askDepth, double[] askFill)
    {
        int asks = askDepth.Length;
        int count = bidDepth.Length * asks;
        _bidDepth = [.. Enumerable.Range(0, count).Select(a => bidDepth[a / asks])];
        _askDepth = [.. Enumerable.Range(0, count).Select(a => askDepth[a % asks])];
        _bidThreshold = [.. Enumerable.Range(0, count).Select(a => ScalarRandomLanes.UniformThreshold(bidFill[a / asks]))];
        _askThreshold = [.. Enumerable.Range(0, count).Select(a => ScalarRandomLanes.UniformThreshold(askFill[a % asks]))];
    }

    /// <summary>Columns for actions[0 … 3], the actions of trajectories first … first + 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Look(ReadOnlySpan<int> actions, int first, out Vector256<double> bidDepth, out Vector256<long> bidThreshold, out Vector256<double> askDepth, out Vector256<long> askThreshold)
    {
        int a0 = Checked(actions[0], first), a1 = Checked(actions[1], first + 1), a2 = Checked(actions[2], first + 2), a3 = Checked(actions[3], first + 3);
        bidDepth = Vector256.Create(_bidDepth[a0], _bidDepth[a1], _bidDepth[a2], _bidDepth[a3]);
        askDepth = Vector256.Create(_askDepth[a0], _askDepth[a1], _askDepth[a2], _askDepth[a3]);
        bidThreshold = Vector256.Create(_bidThreshold[a0], _bidThreshold[a1], _bidThreshold[a2], _bidThreshold[a3]);
        askThreshold = Vector256.Create(_askThreshold[a0], _askThreshold[a1], _askThreshold[a2], _askThreshold[a3]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Checked(int action, int trajectory) =>
        (uint)action < (uint)_bidDepth.Length ? action : throw new ArgumentOutOfRangeException(nameof(action), $"action {action} of trajectory {trajectory} is outside 0 … {_bidDepth.Length - 1}");
}
