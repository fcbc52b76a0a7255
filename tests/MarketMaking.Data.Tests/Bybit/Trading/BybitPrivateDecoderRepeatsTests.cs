using System.Text;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Data.Tests.Bybit.Trading;

/// <summary>
/// What the private stream's reader keeps from one push to the next (an order's ids, its symbol, a
/// one-coin fee detail), so an order's repeated updates make nothing of them anew. The caches are
/// the process's, so this runs alone: another test decoding meanwhile could take their slots.
/// </summary>
[Collection(nameof(BybitPrivateDecoderRepeatsTests))]
[CollectionDefinition(nameof(BybitPrivateDecoderRepeatsTests), DisableParallelization = true)]
public sealed class BybitPrivateDecoderRepeatsTests
{
    [Fact]
    public void AnOrdersTextsAndFeeDetailRepeatedAreTheSameInstancesAgain()
    {
        byte[] push = Encoding.UTF8.GetBytes(PrivateExamples.Text("ws-order.json"));

        BybitOrder first = BybitPrivateDecoder.Orders(push).Data[0];
        BybitOrder again = BybitPrivateDecoder.Orders(push).Data[0];

        Assert.Equal(("5cf98598-39a7-459e-97bf-76ca765ee020", "ETH-30DEC22-1400-C", 0.00242968m), (first.OrderId, first.Symbol, first.CumFeeDetail!["MNT"]));
        Assert.Same(first.OrderId, again.OrderId);
        Assert.Same(first.Symbol, again.Symbol);
        Assert.Same(first.Category, again.Category);
        Assert.Same(first.CumFeeDetail, again.CumFeeDetail);
    }

    [Fact]
    public void AnotherFeeIsAnotherDictionary()
    {
        string text = PrivateExamples.Text("ws-order.json");

        BybitOrder first = BybitPrivateDecoder.Orders(Encoding.UTF8.GetBytes(text)).Data[0];
        BybitOrder rescaled = BybitPrivateDecoder.Orders(Encoding.UTF8.GetBytes(text.Replace("0.00242968", "0.002429680", StringComparison.Ordinal))).Data[0];
        BybitOrder paid = BybitPrivateDecoder.Orders(Encoding.UTF8.GetBytes(text.Replace("0.00242968", "0.00242969", StringComparison.Ordinal))).Data[0];

        // The same fee written with another scale reads as the serializer reads it: its own decimal, its scale kept.
        Assert.NotSame(first.CumFeeDetail, rescaled.CumFeeDetail);
        Assert.Equal("0.002429680", rescaled.CumFeeDetail!["MNT"].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotSame(rescaled.CumFeeDetail, paid.CumFeeDetail);
        Assert.Equal(0.00242969m, paid.CumFeeDetail!["MNT"]);
    }
}
