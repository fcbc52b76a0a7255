using System.Globalization;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Orders;
using MarketMaking.Reporting;
using MarketMaking.Reporting.Charts;
using MarketMaking.Research.Simulations;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Reports;

/// <summary>Builds the report documents of runs: tables, PnL, drawdown, inventory, quote and markout charts, distributions.</summary>
public static class ReportBuilder
{
    private const int SmallChartWidth = 360;
    private const int SmallChartHeight = 240;

    /// <summary>Strategies compared on model markets: the comparison table, then per market trajectory 0 in full and distributions over every trajectory.</summary>
    public static ReportDocument ModelComparison(string title, IReadOnlyList<MarketEvaluations> markets, StrategySettings settings, MonteCarloSettings monteCarlo)
    {
        var sections = new List<ReportSection>
        {
            new("Comparison", [
                new ParagraphBlock(
                    $"{monteCarlo.Trajectories:N0} trajectories per strategy and market, seed {monteCarlo.Seed}, simulated in the vectorized engine. " +
                    "Profit is terminal PnL (cash + inventory at the final mid, net of fees); Sharpe is mean over standard deviation of that PnL across runs; " +
                    "max drawdown is the mean over runs of the largest fall of marked-to-market PnL; capture is the edge earned over half the quoted spread; " +
                    $"utility is E[PnL] − γ/2·Var[PnL] with γ = {Number(settings.Gamma)}. Charts show trajectory 0, run through the event loop."),
                SummaryTableBlock(markets.SelectMany(m => m.Evaluations.Select(e => (m.Name, e.Summary)))),
            ]),
        };

        foreach (MarketEvaluations market in markets)
        {
            sections.Add(MarketSection(market));
        }

        sections.Add(new ReportSection("Settings", [new KeyValueBlock(SettingsItems(settings, monteCarlo))]));
        return new ReportDocument(title, "Market-making strategies on model markets", sections);
    }

    /// <summary>A report of event-loop runs on one market (replayed data or bars): metrics, PnL, inventory, quotes and markouts.</summary>
    public static ReportDocument Backtest(string title, string subtitle, IReadOnlyList<RunResult> runs, IReadOnlyList<KeyValuePair<string, string>> settings)
    {
        List<RunRow> rows = runs.Select(RunRow.From).ToList();
        string[] headers = ["strategy", "net PnL", "gross PnL", "fees", "fills", "fill rate", "win rate", "avg edge", "capture", "sharpe/period", "max dd", "mean |q|", "max |q|"];
        var table = new TableBlock(
            headers,
            rows.Select(r => (IReadOnlyList<string>)[
                r.Strategy, Formats.Fixed(r.NetPnl, 4), Formats.Fixed(r.GrossPnl, 4), Formats.Fixed(r.FeesPaid - r.Rebates, 4), r.Fills.ToString(CultureInfo.InvariantCulture),
                Formats.Percent(r.FillRate), Formats.Percent(r.WinRate), Formats.Fixed(r.AverageEdge, 5), Formats.Fixed(r.SpreadCapture, 3), Formats.Fixed(r.SharpePerPeriod, 4),
                Formats.Fixed(r.MaxDrawdown, 4), Formats.Fixed(r.MeanAbsQ, 4), Formats.Fixed(r.MaxAbsQ, 4),
            ]).ToList(),
            $"Sharpe per period of {Number(rows.FirstOrDefault()?.SamplePeriodSeconds ?? double.NaN)} s of PnL changes; capture: edge earned / half the quoted spread.");

        var pnl = new ChartSpec("PnL", "time (s)", "PnL", runs.Select(r => (ChartSeries)Line(r.Strategy, r, p => p.Equity)).ToList()) { Width = 1000, Height = 360 };
        var inventory = new ChartSpec("Inventory", "time (s)", "q", runs.Select(r => (ChartSeries)(Line(r.Strategy, r, p => p.Inventory) with { Step = true })).ToList()) { Width = 1000, Height = 300 };
        var markouts = new ChartSpec("Markout per unit after a fill", "horizon (s)", "markout", rows.Select(r =>
            (ChartSeries)new LineSeries(r.Strategy, r.Markouts.Select(m => m.Horizon).ToArray(), r.Markouts.Select(m => m.MeanPerUnit).ToArray())).ToList());
        var drawdown = new ChartSpec("Drawdown", "time (s)", "PnL below its peak", runs.Select(r => (ChartSeries)Drawdown(r)).ToList()) { Width = 1000, Height = 260 };
        return new ReportDocument(title, subtitle,
        [
            new ReportSection("Results", [table, PnlDecomposition(runs), new ChartBlock(pnl), new ChartBlock(drawdown), new ChartBlock(inventory), new ChartBlock(markouts)]),
            new ReportSection("Quotes and fills", [
                new ParagraphBlock("Our best quotes against the mid; ▲ our bid filled, ▼ our ask filled. Long runs are thinned to a few thousand points."),
                new ChartGridBlock(runs.Select(r => QuotesChart(r.Strategy, r) with { Width = 1000, Height = 360 }).ToList()),
            ]),
            new ReportSection("Settings and data", [new KeyValueBlock(settings)]),
        ]);
    }

    /// <summary>Net PnL split into the spread captured at fills, what holding inventory made or lost, fees and rebates.</summary>
    private static TableBlock PnlDecomposition(IReadOnlyList<RunResult> runs) => new(
        ["strategy", "spread capture", "slippage", "inventory", "fees paid", "rebates", "net PnL"],
        [.. runs.Select(r => (IReadOnlyList<string>)[
            r.Strategy, Formats.Fixed(r.Metrics.EdgeEarned + r.Metrics.SlippageCost, 4), Formats.Fixed(-r.Metrics.SlippageCost, 4),
            Formats.Fixed(r.Metrics.GrossPnl - r.Metrics.EdgeEarned, 4),
            Formats.Fixed(-r.Metrics.FeesPaid, 4), Formats.Fixed(r.Metrics.RebatesReceived, 4), Formats.Fixed(r.Metrics.NetPnl, 4),
        ])],
        "PnL decomposition: spread capture = Σ edge against the mid at each quoted price; slippage = what execution moved the prices against us; inventory = gross PnL − the edge after slippage (the mid moving under the position); net = gross − fees + rebates.");

    private static LineSeries Drawdown(RunResult run)
    {
        LineSeries equity = Line(run.Strategy, run, p => p.Equity);
        double[] below = new double[equity.Y.Length];
        double peak = double.NegativeInfinity;
        for (int i = 0; i < below.Length; i++)
        {
            peak = Math.Max(peak, equity.Y[i]);
            below[i] = equity.Y[i] - peak;
        }

        return equity with { Y = below };
    }

    private static TableBlock SummaryTableBlock(IEnumerable<(string Market, MonteCarloSummary Summary)> summaries)
    {
        string[] headers = ["market", "strategy", "spread", "profit", "std", "sharpe", "max dd", "fill rate", "capture", "mean |q|", "final q std", "utility", "CARA CE", "PnL − ∫λq²"];
        var rows = new List<IReadOnlyList<string>>();
        foreach ((string market, MonteCarloSummary s) in summaries)
        {
            rows.Add([
                market, s.Strategy, Formats.Fixed(s.AverageSpread, 3), Formats.Fixed(s.ProfitMean, 2), Formats.Fixed(s.ProfitStd, 2),
                Formats.Fixed(s.SharpePerRun, 2), Formats.Fixed(s.MeanMaxDrawdown, 2), Formats.Percent(s.FillRate), Formats.Fixed(s.SpreadCapture, 3),
                Formats.Fixed(s.MeanAbsInventory, 2), Formats.Fixed(s.FinalInventoryStd, 2), Formats.Fixed(s.MeanVarianceUtility, 2), Formats.Fixed(s.CaraCertaintyEquivalent, 2),
                Formats.Fixed(s.PenalizedPnlMean, 2),
            ]);
        }

        return new TableBlock(headers, rows, "Mean over runs; CARA CE: certainty equivalent −(1/γ)·ln E[e^(−γ·PnL)]; PnL − ∫λq²: PnL less the running inventory penalty (--inventory-penalty).");
    }

    /// <summary>Strategies compared on the agent-based market: the summary across seeds, then run 0 of each in full.</summary>
    public static ReportDocument AgentComparison(string title, string market, IReadOnlyList<AgentMarketEvaluation> evaluations, IReadOnlyList<KeyValuePair<string, string>> settings)
    {
        ReportDocument runs = Backtest(title, $"agent-based market {market}", evaluations.Select(e => e.Runs[0]).ToList(), settings);
        var comparison = new ReportSection("Comparison across runs", [
            new ParagraphBlock($"{evaluations[0].Runs.Count} runs per strategy on the same seeds; the sections after it show run 0 of each strategy in full."),
            SummaryTableBlock(evaluations.Select(e => (market, e.Summary))),
        ]);
        return runs with { Sections = [comparison, .. runs.Sections] };
    }

    private static ReportSection MarketSection(MarketEvaluations market)
    {
        IReadOnlyList<StrategyEvaluation> evaluations = market.Evaluations;
        var pnl = new ChartSpec("PnL, trajectory 0", "time", "PnL", evaluations.Select(e => (ChartSeries)Line(e.Label, e.Sample, p => p.Equity)).ToList());
        var inventory = new ChartSpec("Inventory, trajectory 0", "time", "q", evaluations.Select(e => (ChartSeries)(Line(e.Label, e.Sample, p => p.Inventory) with { Step = true })).ToList());
        var distributions = evaluations.Select(e =>
        {
            (double[] centers, double[] counts) = Histogram.Build(e.TerminalPnl.ToArray(), 30);
            return new ChartSpec($"Terminal PnL: {e.Label}", "PnL", "runs", [new BarSeries(e.Label, centers, counts)]) { Width = SmallChartWidth, Height = SmallChartHeight };
        }).ToList();
        var drawdowns = evaluations.Select(e =>
        {
            (double[] centers, double[] counts) = Histogram.Build(e.MaxDrawdowns.ToArray(), 30);
            return new ChartSpec($"Max drawdown: {e.Label}", "largest fall below the peak", "runs", [new BarSeries(e.Label, centers, counts)]) { Width = SmallChartWidth, Height = SmallChartHeight };
        }).ToList();
        List<ChartSpec> quotes = evaluations.Select(e => QuotesChart(e.Label, e.Sample)).ToList();

        return new ReportSection($"Market: {market.Name}", [
            new KeyValueBlock(MarketItems(market.Parameters)),
            new ChartBlock(pnl with { Width = 1000, Height = 360 }),
            new ChartBlock(new ChartSpec("Drawdown, trajectory 0", "time", "PnL below its peak", evaluations.Select(e => (ChartSeries)Drawdown(e.Sample)).ToList()) { Width = 1000, Height = 260 }),
            new ChartBlock(inventory with { Width = 1000, Height = 300 }),
            PnlDecomposition([.. evaluations.Select(e => e.Sample)]),
            new ParagraphBlock("Quotes against the mid on trajectory 0; ▲ our bid filled (we bought), ▼ our ask filled (we sold)."),
            new ChartGridBlock(quotes),
            MeanPnlDecomposition(evaluations),
            new ParagraphBlock("Distributions over all runs: terminal PnL, and the largest drawdown of each run."),
            new ChartGridBlock([.. distributions, .. drawdowns]),
            SampleMetricsTable(evaluations),
        ]);
    }

    /// <summary>The decomposition of <see cref="PnlDecomposition"/>, averaged over every trajectory of the Monte Carlo run.</summary>
    private static TableBlock MeanPnlDecomposition(IReadOnlyList<StrategyEvaluation> evaluations) => new(
        ["strategy", "spread capture", "slippage", "inventory", "fees (net of rebates)", "net PnL"],
        [.. evaluations.Select(e => e.Summary).Select(s => (IReadOnlyList<string>)[
            s.Strategy, Formats.Fixed(s.EdgeMean + s.SlippageMean, 4), Formats.Fixed(-s.SlippageMean, 4),
            Formats.Fixed(s.ProfitMean + s.FeesMean - s.EdgeMean, 4), Formats.Fixed(-s.FeesMean, 4), Formats.Fixed(s.ProfitMean, 4),
        ])],
        $"PnL decomposition, mean over all {evaluations[0].Summary.Trajectories} runs (the one above is trajectory 0 alone): spread capture = Σ edge against the mid at each quoted price; inventory = gross PnL − the edge after slippage.");

    private static TableBlock SampleMetricsTable(IReadOnlyList<StrategyEvaluation> evaluations)
    {
        IReadOnlyList<MarkoutResult> horizons = evaluations[0].Sample.Metrics.Markouts;
        var headers = new List<string> { "strategy", "net PnL", "fees", "fills", "fill rate", "round trips", "win rate", "avg edge", "sharpe/step", "sortino/step", "max dd", "max |q|" };
        headers.AddRange(horizons.Select(h => $"markout {Number(h.Horizon)}"));
        var rows = new List<IReadOnlyList<string>>();
        foreach (StrategyEvaluation e in evaluations)
        {
            RunMetrics m = e.Sample.Metrics;
            var row = new List<string>
            {
                e.Label, Formats.Fixed(m.NetPnl, 2), Formats.Fixed(m.NetFees, 3), m.Fills.ToString(CultureInfo.InvariantCulture), Formats.Percent(m.FillRate),
                e.Sample.RoundTrips.Count.ToString(CultureInfo.InvariantCulture), Formats.Percent(m.WinRate), Formats.Fixed(m.AverageEdge, 3),
                Formats.Fixed(m.SharpePerPeriod, 3), Formats.Fixed(m.SortinoPerPeriod, 3), Formats.Fixed(m.MaxDrawdown, 2), Formats.Fixed(m.MaxAbsInventory, 2),
            };
            row.AddRange(m.Markouts.Select(h => Formats.Fixed(h.MeanPerUnit, 3)));
            rows.Add(row);
        }

        return new TableBlock(headers, rows, "Trajectory 0 through the event loop. Markout: mean of side·(mid after the horizon − fill price) per unit; negative means adverse selection.");
    }

    private static ChartSpec QuotesChart(string label, RunResult run)
    {
        IReadOnlyList<SeriesPoint> points = run.Series!.Points;
        var buys = run.Series.Fills.Where(f => f.Side == Side.Buy).ToList();
        var sells = run.Series.Fills.Where(f => f.Side == Side.Sell).ToList();
        return new ChartSpec($"Quotes: {label}", "time", "price", [
            Line("mid", run, p => p.Mid) with { Color = "#444444" },
            Line("bid", run, p => p.Bid) with { Color = "#0072B2", Dashed = true, Step = true },
            Line("ask", run, p => p.Ask) with { Color = "#D55E00", Dashed = true, Step = true },
            new MarkerSeries("bought", buys.Select(f => f.Time).ToArray(), buys.Select(f => f.Price).ToArray(), MarkerShape.TriangleUp) { Color = "#0072B2" },
            new MarkerSeries("sold", sells.Select(f => f.Time).ToArray(), sells.Select(f => f.Price).ToArray(), MarkerShape.TriangleDown) { Color = "#D55E00" },
        ])
        {
            Width = points.Count > 0 ? 480 : SmallChartWidth,
            Height = 300,
        };
    }

    private static LineSeries Line(string name, RunResult run, Func<SeriesPoint, double> value)
    {
        IReadOnlyList<SeriesPoint> points = run.Series!.Points;
        var x = new double[points.Count];
        var y = new double[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            x[i] = points[i].Time;
            y[i] = value(points[i]);
        }

        return new LineSeries(name, x, y);
    }

    private static List<KeyValuePair<string, string>> MarketItems(ModelMarketParameters p) =>
    [
        new("S0, T, dt", $"{Number(p.InitialMid)}, {Number(p.Horizon)}, {Number(p.TimeStep)} ({p.Steps} steps)"),
        new("mid", $"σ = {Number(p.Sigma)} ({p.Shock.ToString().ToLowerInvariant()} shocks), drift {Number(p.Drift)}"),
        new("alpha signal", p.HasAlpha ? $"OU θ = {Number(p.AlphaReversion)}, volatility {Number(p.AlphaVolatility)}" : "none"),
        new("jumps", p.JumpIntensity > 0 ? $"{Number(p.JumpIntensity)} per unit time, sd {Number(p.JumpStd)}" : "none"),
        new("fills", $"λ(δ) = {Number(p.A)}·e^(−{Number(p.Kappa)}δ), {p.FillRule.ToString().ToLowerInvariant()} rule, {p.Arrivals.ToString().ToLowerInvariant()} arrivals"),
        new("adverse selection", p.AdverseSelectionProbability > 0 ? $"after a fill, probability {Number(p.AdverseSelectionProbability)} of a {Number(p.AdverseSelectionSize)} move against us" : "none"),
        new("market impact", p.MarketImpact > 0 ? $"the mid moves {Number(p.MarketImpact)} against us per unit filled" : "none"),
        new("maker fee", Number(p.MakerFeeRate)),
    ];

    private static List<KeyValuePair<string, string>> SettingsItems(StrategySettings s, MonteCarloSettings m) =>
    [
        new("trajectories, seed", $"{m.Trajectories}, {m.Seed}"),
        new("position limit", double.IsPositiveInfinity(m.MaxPosition) ? "none" : Number(m.MaxPosition)),
        new("q0", Number(m.InitialInventory)),
        new("update_freq", Number(m.DecisionInterval)),
        new("gamma, order_size, max_inventory (Q)", $"{Number(s.Gamma)}, {Number(s.OrderQuantity)}, {s.MaxInventory}"),
        new("Cartea–Jaimungal φ, α", $"{Number(s.Phi)}, {Number(s.TerminalPenalty)}"),
        new("fixed: spread_bps, skew_factor", $"{Number(s.SpreadBps)}, {Number(s.SkewFactor)}"),
        new("adaptive: base_spread, vol_ref, inventory_skew, skew_accel, alpha_skew, min_spread", $"{Number(s.BaseSpread)}, {Number(s.VolatilityReference)}, {Number(s.InventorySkew)}, {Number(s.SkewAcceleration)}, {Number(s.AlphaSkew)}, {Number(s.MinSpread)}"),
        new("as-rolling window", Number(s.RollingHorizon)),
    ];

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
