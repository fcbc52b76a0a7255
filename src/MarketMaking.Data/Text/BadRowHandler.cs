using System.Text;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;

namespace MarketMaking.Data.Text;

/// <summary>Stops with a <see cref="DataFormatException"/> or counts the bad row, as the policy says.</summary>
internal sealed class BadRowHandler(string file, BadRowPolicy policy, BadRowCounts counts)
{
    public string File { get; } = file;

    /// <summary>Throws under <see cref="BadRowPolicy.Stop"/>; otherwise counts and returns, and the caller drops the row.</summary>
    public void Report(BadRowReason reason, long line, string field, string problem)
    {
        if (policy == BadRowPolicy.Stop)
        {
            throw new DataFormatException(File, line, field, problem);
        }

        counts.Add(reason);
    }

    /// <summary>The reason and wording for a number that did not convert.</summary>
    public static (BadRowReason Reason, string Problem) Describe(NumberStatus status, ReadOnlySpan<byte> text, DecimalGrid grid, string unit)
    {
        string shown = Encoding.UTF8.GetString(text.Length > 40 ? text[..40] : text);
        return status switch
        {
            NumberStatus.Negative => (BadRowReason.NegativeSize, $"negative size '{shown}'"),
            NumberStatus.NotPositive => (BadRowReason.NonPositivePrice, $"price '{shown}' is not positive"),
            NumberStatus.OffGrid => (BadRowReason.OffGrid, $"'{shown}' is not a whole number of {unit}s of {grid}"),
            _ => (BadRowReason.UnparsableNumber, $"'{shown}' is not a number"),
        };
    }
}
