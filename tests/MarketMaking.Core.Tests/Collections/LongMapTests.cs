using System.Runtime.CompilerServices;
using MarketMaking.Core.Collections;

namespace MarketMaking.Core.Tests.Collections;

/// <summary>The open-addressing map against Dictionary on the same operations.</summary>
public class LongMapTests
{
    [Fact]
    public void AddsFindsAndRemovesAnyLongIncludingZeroAndTheExtremes()
    {
        var map = new LongMap<int>(4);
        long[] keys = [0, -1, long.MinValue, long.MaxValue, 1];
        for (int i = 0; i < keys.Length; i++)
        {
            map.GetOrAdd(keys[i], out bool exists) = i + 10;
            Assert.False(exists);
        }

        Assert.Equal(5, map.Count);
        Assert.Equal(12, map.Find(long.MinValue));
        Assert.True(Unsafe.IsNullRef(ref map.Find(2)));
        Assert.True(map.Remove(0, out int removed));
        Assert.Equal(10, removed);
        Assert.False(map.Remove(0));
        Assert.False(map.ContainsKey(0));
        Assert.Equal(11, map.Find(-1));
        Assert.Equal(4, map.Count);

        map.GetOrAdd(-1, out bool again) += 5;
        Assert.True(again);
        Assert.Equal(16, map.Find(-1));

        map.Clear();
        Assert.Equal(0, map.Count);
        Assert.False(map.ContainsKey(long.MaxValue));
    }

    [Fact]
    public void SeededChurnMatchesADictionaryThroughGrowthAndBackwardShiftDeletesByKeyAndBySlot()
    {
        // Keys in a narrow range collide often, so removals shift whole probe runs; the map starts
        // small so it grows several times.
        var random = new Random(7);
        var map = new LongMap<long>(2);
        var reference = new Dictionary<long, long>();
        for (int step = 0; step < 200_000; step++)
        {
            long key = random.Next(3) == 0 ? random.NextInt64() : random.Next(-500, 4_000) * 64L;
            switch (random.Next(3))
            {
                case 0:
                    map.GetOrAdd(key, out bool exists) = step;
                    Assert.Equal(reference.ContainsKey(key), exists);
                    reference[key] = step;
                    break;
                case 1 when step % 2 == 0:
                    Assert.Equal(reference.Remove(key), map.Remove(key));
                    break;
                case 1:
                    // Found once, removed from its slot without a second probe (the order book's deletes).
                    int slot = map.SlotOf(key);
                    Assert.Equal(reference.Remove(key, out long removed), slot >= 0);
                    if (slot >= 0)
                    {
                        Assert.Equal(removed, map.ValueAt(slot));
                        map.RemoveAt(slot);
                    }

                    break;
                default:
                    ref long found = ref map.Find(key);
                    Assert.Equal(reference.TryGetValue(key, out long value), !Unsafe.IsNullRef(ref found));
                    Assert.True(Unsafe.IsNullRef(ref found) || found == value);
                    break;
            }
        }

        Assert.Equal(reference.Count, map.Count);
        foreach ((long key, long value) in reference)
        {
            Assert.Equal(value, map.Find(key));
        }
    }
}
