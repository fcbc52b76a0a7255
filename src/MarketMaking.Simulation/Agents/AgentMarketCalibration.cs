using MarketMaking.Core.Orders;
using MarketMaking.Signals.Calibration;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// Calibrates σ and the fill intensity λ(δ) = A·e^(−κδ) on an agent-based market's own tape (a
/// run with no strategy of ours), so the analytical models quote with parameters estimated the way
/// a desk would on a real market. Results in price units per second.
/// </summary>
public static class AgentMarketCalibration
{
    public static CalibrationResult Calibrate(AgentMarketParameters parameters, ulong seed, double seconds)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var market = new AgentMarket(parameters with { Duration = seconds }, seed);
        var tape = new Tape(new MarketCalibrator(new FillIntensityCalibrator(depthStep: 1, depthLevels: 100), new MidVolatilityEstimator(TimeSpan.FromSeconds(1))));
        market.Observer = tape;
        var none = new List<MarketMaking.Core.Accounting.Fill>();
        while (!market.IsFinished)
        {
            market.Advance(none);
        }

        // The calibrator worked in ticks.
        return tape.Calibrator.Calibrate().InPriceUnits(parameters.TickSize);
    }

    /// <summary>Feeds the trades and mids of the run (ticks; ns since the run's start) to the calibrator.</summary>
    private sealed class Tape(MarketCalibrator calibrator) : IAgentMarketObserver
    {
        public MarketCalibrator Calibrator { get; } = calibrator;

        public void OnTrade(double time, Side aggressor, long price, long size)
        {
            if (time >= 0)
            {
                Calibrator.OnTrade(Nanos(time), aggressor, price);
            }
        }

        public void OnMarketOrder(double time, Side side, long size, double midBefore, double midAfter)
        {
        }

        public void OnTopOfBook(double time, long bid, long ask)
        {
            if (time >= 0 && bid > 0 && ask > 0)
            {
                Calibrator.OnMid(Nanos(time), (bid + ask) * 0.5);
            }
        }

        private static long Nanos(double seconds) => (long)(seconds * 1e9);
    }
}
