using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Exchange;

/// <summary>The same latency every time.</summary>
public sealed class ConstantLatency : ILatencyModel
{
    private readonly long _entry;
    private readonly long _cancel;

    public ConstantLatency(long entryNanoseconds, long cancelNanoseconds)
    {
        _entry = (long)InvalidParameterException.RequireNonNegative("latency", entryNanoseconds);
        _cancel = (long)InvalidParameterException.RequireNonNegative("cancel_latency", cancelNanoseconds);
    }

    public static ConstantLatency Zero { get; } = new(0, 0);

    public long OrderEntry() => _entry;

    public long Cancel() => _cancel;
}
