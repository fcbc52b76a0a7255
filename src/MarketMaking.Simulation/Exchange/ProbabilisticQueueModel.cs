using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Exchange;

/// <summary>
/// Cancellations are split between the queue ahead of us (front) and behind us (back): a fall of
/// c lots not explained by trades comes from the front with probability 1 − p, where
/// p = f(back) / (f(back) + f(front)) — the fuller the back, the likelier it was cancelled there.
/// f(x) = x^n (power) or ln(1 + x) (log), the family used by hftbacktest and discussed on
/// quant.stackexchange ("how do we estimate position of our order in order book").
/// </summary>
public sealed class ProbabilisticQueueModel : IQueueModel
{
    private readonly Func<double, double> _weight;

    private ProbabilisticQueueModel(Func<double, double> weight, string name)
    {
        _weight = weight;
        Name = name;
    }

    public string Name { get; }

    /// <summary>f(x) = x^n; n = 1 is proportional, larger n favours cancellations at the back.</summary>
    public static ProbabilisticQueueModel Power(double exponent)
    {
        InvalidParameterException.RequirePositive("queue_power", exponent);
        return new ProbabilisticQueueModel(x => Math.Pow(x, exponent), $"power({exponent})");
    }

    /// <summary>f(x) = ln(1 + x).</summary>
    public static ProbabilisticQueueModel Log() => new(x => Math.Log(1 + x), "log");

    public void OnTrade(ref QueuePosition position, long size)
    {
        position.Ahead -= size;
        position.TradedSinceLevelChange += size;
    }

    public void OnLevelChange(ref QueuePosition position, long previous, long current)
    {
        // The trades already moved us; only the rest of the fall is cancellations.
        double cancelled = previous - current - position.TradedSinceLevelChange;
        position.TradedSinceLevelChange = 0;
        if (cancelled <= 0)
        {
            position.Ahead = Math.Min(position.Ahead, current);
            return;
        }

        double front = Math.Max(position.Ahead, 0);
        double back = Math.Max(previous - front, 0);
        double fromBack = _weight(back) / (_weight(back) + _weight(front));
        if (!double.IsFinite(fromBack))
        {
            fromBack = 1; // empty front and back: nothing to take from ahead of us
        }

        // What the back cannot absorb must have come from the front.
        double estimate = front - ((1 - fromBack) * cancelled) + Math.Min(back - (fromBack * cancelled), 0);
        position.Ahead = Math.Min(Math.Max(estimate, 0), current);
    }
}
