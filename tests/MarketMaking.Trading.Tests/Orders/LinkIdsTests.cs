using MarketMaking.Core.Errors;
using MarketMaking.Trading.Orders;

namespace MarketMaking.Trading.Tests.Orders;

public class LinkIdsTests
{
    [Fact]
    public void IdsAreThePrefixAndACounterAndAskForTheNextBlockAtHalfway()
    {
        var requests = new List<long>();
        var links = new LinkIds("mm-abc-", next: 0, reserved: 0, block: 4);
        Action<long> reserve = upTo =>
        {
            requests.Add(upTo);
            links.Reserve(upTo); // the journal commits at once here
        };
        Assert.Equal("mm-abc-0", links.Take(reserve));
        Assert.Equal([4L], requests);
        Assert.Equal("mm-abc-1", links.Take(reserve));
        Assert.Equal("mm-abc-2", links.Take(reserve)); // 2 + 2 ≥ 4: the next block is asked for
        Assert.Equal([4L, 8L], requests);
        Assert.Equal(17, links.CounterOf("mm-abc-17"));
        Assert.Equal(-1, links.CounterOf("mm-xyz-17"));
        Assert.True(links.Take(reserve).Length <= LinkIds.MaxLength);
    }

    [Fact]
    public async Task AnIdIsNotHandedOutBeforeItsReservationIsCommitted()
    {
        var links = new LinkIds("mm-abc-", next: 10, reserved: 10, block: 2);
        long asked = 0;
        Task<string> taking = Task.Run(() => links.Take(upTo => Interlocked.Exchange(ref asked, upTo)));
        await Task.Delay(100);
        Assert.False(taking.IsCompleted); // waiting for the journal
        links.Reserve(Interlocked.Read(ref asked));
        Assert.Equal("mm-abc-10", await taking);
        Assert.Equal(12, links.Reserved);
    }

    [Fact]
    public void APrefixMustFitBybitsAlphabetAndLength()
    {
        Assert.Equal("link_prefix", Assert.Throws<InvalidParameterException>(() => new LinkIds("mm abc", 0, 0)).Parameter);
        Assert.Matches("^mm-[0-9a-z]{6}-$", LinkIds.NewPrefix(123456789));
        Assert.NotEqual(LinkIds.NewPrefix(1), LinkIds.NewPrefix(2));
    }
}
