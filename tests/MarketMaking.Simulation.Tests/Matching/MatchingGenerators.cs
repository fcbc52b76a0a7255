using FsCheck;
using FsCheck.Fluent;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Matching;

namespace MarketMaking.Simulation.Tests.Matching;

/// <summary>Random message sequences on a narrow price band (so orders cross, queue and cancel often), a few owners, every order type and a trickle of invalid input.</summary>
internal static class MatchingGenerators
{
    public static Arbitrary<MatchingScenario> Scenarios()
    {
        Gen<OrderType> type = Gen.Frequency(
            (40, Gen.Constant(OrderType.Limit)),
            (8, Gen.Constant(OrderType.Market)),
            (8, Gen.Constant(OrderType.ImmediateOrCancel)),
            (8, Gen.Constant(OrderType.FillOrKill)),
            (12, Gen.Constant(OrderType.PostOnly)),
            (1, Gen.Constant((OrderType)9)));
        Gen<Side> side = Gen.Frequency(
            (30, Gen.Elements(Side.Buy, Side.Sell)),
            (1, Gen.Constant((Side)5)));
        Gen<long> size = Gen.Frequency(
            (30, Gen.Choose(1, 6)),
            (1, Gen.Choose(-1, 0))).Select(s => (long)s);
        Gen<long> price = Gen.Frequency(
            (30, Gen.Choose(95, 105)),
            (1, Gen.Choose(-1, 0))).Select(p => (long)p);
        Gen<MessageKind> kind = Gen.Frequency(
            (60, Gen.Constant(MessageKind.New)),
            (25, Gen.Constant(MessageKind.Cancel)),
            (15, Gen.Constant(MessageKind.Amend)));
        Gen<MatchingMessage> message =
            from k in kind
            from t in type
            from s in side
            from p in price
            from q in size
            from owner in Gen.Choose(0, 3)
            from pick in Gen.Choose(0, 1_000)
            select new MatchingMessage(k, t, s, p, q, owner, pick);
        Gen<MatchingScenario> scenario =
            from policy in Gen.Elements(SelfTradePrevention.CancelResting, SelfTradePrevention.CancelIncoming, SelfTradePrevention.None)
            from messages in Gen.ArrayOf(message).ScaleSize(s => 3 * s)
            select new MatchingScenario(policy, messages);
        return scenario.ToArbitrary();
    }
}
