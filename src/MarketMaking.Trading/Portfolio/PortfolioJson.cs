using System.Text.Json;
using System.Text.Json.Nodes;
using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Portfolio;

/// <summary>The end of a multi-instrument run as JSON, the object <c>mm trade --symbol A --symbol B --json</c> prints.</summary>
public static class PortfolioJson
{
    /// <summary>
    /// <c>{"instruments":{SYMBOL:{…mm trade's one-symbol figures…, "net_pnl"}},
    /// "portfolio":{"net_pnl","net_exposure","gross_notional","max_net_exposure","max_gross_notional",
    /// "refusals","instruments":{SYMBOL:{"position","mid","exposure","max_exposure"}}}}</c>;
    /// a limit that is off is null. An instrument's <c>net_pnl</c> is its <c>cash + position × mark</c>,
    /// exactly (decimals), and the portfolio's their sum; its <c>mid</c> in the portfolio is that mark
    /// (the session marks the portfolio once more at its end).
    /// </summary>
    public static string Final(PortfolioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var instruments = new JsonObject();
        for (int i = 0; i < result.Symbols.Count; i++)
        {
            JsonObject figures = SessionJson.FinalObject(result.Instruments[i]);
            figures["net_pnl"] = result.Instruments[i].NetPnl;
            instruments[result.Symbols[i]] = figures;
        }

        PortfolioState state = result.Portfolio;
        var exposures = new JsonObject();
        foreach (PortfolioInstrumentState instrument in state.Instruments)
        {
            exposures[instrument.Symbol] = new JsonObject
            {
                ["position"] = Number(instrument.Position),
                ["mid"] = Number(instrument.Mid),
                ["exposure"] = Number(instrument.Exposure),
                ["max_exposure"] = Number(instrument.MaxExposure),
            };
        }

        var json = new JsonObject
        {
            ["instruments"] = instruments,
            ["portfolio"] = new JsonObject
            {
                ["net_pnl"] = result.NetPnl,
                ["net_exposure"] = Number(state.NetExposure),
                ["gross_notional"] = Number(state.GrossNotional),
                ["max_net_exposure"] = Number(state.MaxNetExposure),
                ["max_gross_notional"] = Number(state.MaxGrossNotional),
                ["refusals"] = state.Refusals,
                ["instruments"] = exposures,
            },
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static JsonValue? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
