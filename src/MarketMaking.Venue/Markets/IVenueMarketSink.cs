namespace MarketMaking.Venue.Markets;

/// <summary>Receives the venue's events of each market step (one request of anyone), in order.</summary>
public interface IVenueMarketSink
{
    /// <param name="events">The step's events; valid only during the call.</param>
    /// <param name="time">Market time of the step, seconds.</param>
    void OnStep(ReadOnlySpan<VenueMarketEvent> events, double time);
}
