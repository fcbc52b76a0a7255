using System.Globalization;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>The checks every bar passes: positive prices, a volume that is not negative, a consistent range, time moving on.</summary>
internal static class BarChecks
{
    /// <summary>False (after reporting) when the bar is not usable.</summary>
    public static bool Check(in Bar bar, long previousOpenTime, BadRowHandler badRows, long line)
    {
        if (bar.Volume < 0)
        {
            badRows.Report(BadRowReason.NegativeSize, line, "volume", $"negative volume {bar.Volume}");
            return false;
        }

        if (FirstNonPositive(bar) is { } price)
        {
            badRows.Report(BadRowReason.NonPositivePrice, line, price.Name, $"price {price.Value.ToString(CultureInfo.InvariantCulture)} is not positive");
            return false;
        }

        if (bar.High < bar.Low || bar.Open < bar.Low || bar.Open > bar.High || bar.Close < bar.Low || bar.Close > bar.High)
        {
            badRows.Report(BadRowReason.InconsistentBar, line, "high/low", $"open {bar.Open}, high {bar.High}, low {bar.Low}, close {bar.Close}: open and close must lie within low..high");
            return false;
        }

        if (bar.OpenTime <= previousOpenTime)
        {
            badRows.Report(BadRowReason.TimeWentBackwards, line, "time", $"bar time {TimeText.Instant(bar.OpenTime)} is not after the previous bar's {TimeText.Instant(previousOpenTime)}");
            return false;
        }

        return true;
    }

    private static (string Name, double Value)? FirstNonPositive(in Bar bar) =>
        bar.Open <= 0 ? ("open", bar.Open)
        : bar.High <= 0 ? ("high", bar.High)
        : bar.Low <= 0 ? ("low", bar.Low)
        : bar.Close <= 0 ? ("close", bar.Close)
        : null;
}
