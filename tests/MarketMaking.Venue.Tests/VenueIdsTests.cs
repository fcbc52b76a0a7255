using System.Text.RegularExpressions;
using MarketMaking.Venue.Exchange;

namespace MarketMaking.Venue.Tests;

public sealed partial class VenueIdsTests
{
    [Fact]
    public void IdsAreVersionFourUuidsFromTheSeed()
    {
        string[] first = [.. Enumerable.Range(0, 100).Select(_ => new VenueIds(9, 1)).Select(ids => ids.Next())];
        var ids = new VenueIds(9, 1);
        string[] sequence = [.. Enumerable.Range(0, 100).Select(_ => ids.Next())];
        var other = new VenueIds(9, 2);

        Assert.All(sequence, id => Assert.Matches(Uuid(), id));
        Assert.All(first, id => Assert.Equal(sequence[0], id)); // the same seed and salt start the same way
        Assert.Equal(100, sequence.Distinct().Count());
        Assert.NotEqual(sequence[0], other.Next());
    }

    // 8-4-4-4-12 lower-case hex, version 4, variant 10xx: as Bybit's order ids.
    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex Uuid();
}
