using System.Runtime.CompilerServices;

namespace MarketMaking.Core.Quoting;

/// <summary>Inline storage for the levels of one side, so a decision never allocates.</summary>
[InlineArray(QuoteDecision.MaxLevels)]
public struct QuoteLevelBuffer
{
    private QuoteLevel _element0;
}
