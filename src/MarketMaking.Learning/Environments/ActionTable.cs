using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MarketMaking.Core.Collections;
using MarketMaking.Core.Randomness;

namespace MarketMaking.Learning.Environments;

/// <summary>
/// The depths and fill thresholds (<see cref="ScalarRandomLanes.UniformThreshold"/>) of each discrete
/// action bid_index · ask_count + ask_index, looked up for four trajectories at once.
/// </summary>
internal sealed class ActionTable
{
    // Per action four words: bid depth, ask depth (double bits), bid and ask thresholds.
    private readonly ulong[] _rows;
    private readonly int _count;

    public ActionTable(double[] bidDepth, double[] bidFill, double[] askDepth, double[] askFill)
    {
        int asks = askDepth.Length;
        _count = bidDepth.Length * asks;
        _rows = new ulong[4 * _count];
        for (int a = 0; a < _count; a++)
        {
            _rows[4 * a] = BitConverter.DoubleToUInt64Bits(bidDepth[a / asks]);
            _rows[(4 * a) + 1] = BitConverter.DoubleToUInt64Bits(askDepth[a % asks]);
            _rows[(4 * a) + 2] = (ulong)ScalarRandomLanes.UniformThreshold(bidFill[a / asks]);
            _rows[(4 * a) + 3] = (ulong)ScalarRandomLanes.UniformThreshold(askFill[a % asks]);
        }
    }

    /// <summary>Columns for actions[0 … 3], the actions of trajectories first … first + 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Look(ReadOnlySpan<int> actions, int first, out Vector256<double> bidDepth, out Vector256<long> bidThreshold, out Vector256<double> askDepth, out Vector256<long> askThreshold)
    {
        int a0 = Checked(actions[0], first), a1 = Checked(actions[1], first + 1), a2 = Checked(actions[2], first + 2), a3 = Checked(actions[3], first + 3);
        ref ulong rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        WordTranspose.Of(Vector256.LoadUnsafe(ref rows, (nuint)(4 * a0)), Vector256.LoadUnsafe(ref rows, (nuint)(4 * a1)), Vector256.LoadUnsafe(ref rows, (nuint)(4 * a2)), Vector256.LoadUnsafe(ref rows, (nuint)(4 * a3)),
            out Vector256<ulong> bid, out Vector256<ulong> ask, out Vector256<ulong> bidLimit, out Vector256<ulong> askLimit);
        bidDepth = bid.AsDouble();
        askDepth = ask.AsDouble();
        bidThreshold = bidLimit.AsInt64();
        askThreshold = askLimit.AsInt64();
    }

    /// <summary>The action, or an error naming it and its trajectory when it is off the grid (both step paths check with it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Checked(int action, int trajectory) =>
        (uint)action < (uint)_count ? action : throw new ArgumentOutOfRangeException(nameof(action), $"action {action} of trajectory {trajectory} is outside 0 … {_count - 1}");
}
