using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Matching;

namespace MarketMaking.Venue.Markets;

/// <summary>
/// The agent-based market as the venue's market: the clients' orders rest in the agents' own
/// matching engine (exact queue position, our orders move the book), the background traders run on
/// the venue's clock. Translates each matching step into venue events.
/// </summary>
public sealed class AgentVenueMarket : IVenueMarket, IAgentMarketListener
{
    private readonly AgentMarket _market;
    private VenueMarketEvent[] _step = new VenueMarketEvent[64];

    /// <param name="parameters">The market; its duration is extended so the venue can run as long as it is asked to.</param>
    /// <param name="seed">The background traders' seed.</param>
    public AgentVenueMarket(AgentMarketParameters parameters, ulong seed)
        : this(parameters, seed, null, 0)
    {
    }

    /// <param name="parameters">The market; its duration is extended so the venue can run as long as it is asked to.</param>
    /// <param name="fundamentals">The common factor its fundamental shares with the venue's other books (null: its own alone).</param>
    /// <param name="member">Its number among <paramref name="fundamentals"/>' markets.</param>
    public AgentVenueMarket(AgentMarketParameters parameters, ulong seed, CorrelatedFundamentals? fundamentals, int member)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _market = new AgentMarket(parameters with { Duration = 1e9 }, seed, fundamentals, member) { Listener = this };
        TickSize = (decimal)parameters.TickSize;
        LotSize = (decimal)parameters.LotSize;
    }

    public decimal TickSize { get; }

    public decimal LotSize { get; }

    public double Time => _market.Time;

    public IOrderBookView Book => _market.Book;

    public long LastTradeTicks => _market.LastTradeTicks;

    /// <summary>Every kind of background trader's long position (one account each) and the venue account's.</summary>
    public long? OpenInterestLots => _market.OpenInterestLots;

    public IVenueMarketSink? Sink { get; set; }

    /// <summary>The hidden fundamental value now (price units).</summary>
    public double Fundamental => _market.Fundamental;

    /// <summary>Background-trader events processed so far.</summary>
    public long Events => _market.Events;

    public void AdvanceTo(double time) => _market.AdvanceTo(time);

    public long Submit(Side side, OrderType type, long price, long size)
    {
        _market.SubmitVenueOrder(side, type, price, size, out long id);
        return id;
    }

    public void Cancel(long orderId) => _market.CancelVenueOrder(orderId);

    public void Amend(long orderId, long price, long size) => _market.AmendVenueOrder(orderId, price, size);

    void IAgentMarketListener.OnEvents(ReadOnlySpan<MatchingEvent> events, double time)
    {
        if (Sink is null)
        {
            return;
        }

        int count = 0;
        foreach (ref readonly MatchingEvent e in events)
        {
            const int venue = AgentMarket.VenueOwner;
            switch (e.Kind)
            {
                case MatchingEventKind.Trade:
                    if (e.Owner == venue)
                    {
                        Add(ref count, new VenueMarketEvent { Kind = VenueMarketEventKind.Fill, OrderId = e.OrderId, Side = e.Side, Price = e.Price, Size = e.Size });
                    }

                    if (e.MakerOwner == venue)
                    {
                        Add(ref count, new VenueMarketEvent { Kind = VenueMarketEventKind.Fill, OrderId = e.MakerOrderId, Side = e.Side.Opposite(), Price = e.Price, Size = e.Size, IsMaker = true });
                    }

                    Add(ref count, new VenueMarketEvent { Kind = VenueMarketEventKind.PublicTrade, Side = e.Side, Price = e.Price, Size = e.Size });
                    break;
                case MatchingEventKind.Accepted when e.Owner == venue:
                    Add(ref count, new VenueMarketEvent { Kind = VenueMarketEventKind.Accepted, OrderId = e.OrderId, Side = e.Side, Price = e.Price, Size = e.Size });
                    break;
                case MatchingEventKind.Rejected when e.Owner == venue:
                    Add(ref count, new VenueMarketEvent { Kind = VenueMarketEventKind.Rejected, OrderId = e.OrderId, Side = e.Side, Price = e.Price, Size = e.Size, RejectReason = e.RejectReason });
                    break;
                case MatchingEventKind.Cancelled when e.Owner == venue:
                    Add(ref count, new VenueMarketEvent { Kind = VenueMarketEventKind.Done, OrderId = e.OrderId, Side = e.Side, Price = e.Price, Size = e.Size, CancelReason = e.CancelReason });
                    break;
                case MatchingEventKind.Amended when e.Owner == venue:
                    Add(ref count, new VenueMarketEvent { Kind = VenueMarketEventKind.Amended, OrderId = e.OrderId, Side = e.Side, Price = e.Price, Size = e.Size, KeptPriority = e.KeptPriority });
                    break;
            }
        }

        if (count > 0)
        {
            Sink.OnStep(_step.AsSpan(0, count), time);
        }
    }

    private void Add(ref int count, in VenueMarketEvent e)
    {
        if (count == _step.Length)
        {
            Array.Resize(ref _step, _step.Length * 2);
        }

        _step[count++] = e;
    }
}
