using MarketMaking.Cli.Commands;
using MarketMaking.Core.Risk;

namespace MarketMaking.Cli.Tests;

public class TradeCommandOutputTests
{
    [Fact]
    public void ARiskLimitsReasonIsPrintedInWords() =>
        Assert.Equal(
            ["invalid order", "order too large", "position limit", "price band", "kill switch", "order notional", "open orders", "order rate", "portfolio limit"],
            Enum.GetValues<RejectReason>().Where(r => r != RejectReason.None).Select(r => TradeCommand.Words(r.ToString())));
}
