namespace MarketMaking.Simulation.Exchange;

/// <summary>
/// How long our messages take to reach the exchange, in nanoseconds. An order decided at local
/// time t rests from exchange time t + entry latency; a cancel takes effect at t + cancel latency.
/// </summary>
public interface ILatencyModel
{
    long OrderEntry();

    long Cancel();
}
