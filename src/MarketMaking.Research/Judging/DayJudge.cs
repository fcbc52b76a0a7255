using MarketMaking.Core.Accounting;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Files;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Spreads;
using MarketMaking.Learning.Supervised;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Quoting;
using MarketMaking.Research.Replay;
using MarketMaking.Research.Simulations;
using MarketMaking.Research.Training;
using MarketMaking.Signals.Calibration;
using MarketMaking.Signals.Features;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Replay;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Judging;

/// <summary>
/// A real trading day as the judge: everything is fitted on the morning and judged on the
/// afternoon. σ, A, κ are calibrated on the morning's events only (the calibration reads a stream
/// that ends at the split); the spread predictor is trained on morning samples, the adverse-selection
/// detector on a touch quoter's morning fills whose markouts land before the split. Then each strategy
/// trades each afternoon block on its own, flat at the block's start, with the book and features a
/// full replay leaves there (the day before the block is replayed untraded, as walk-forward does),
/// and each is paired with the baselines block by block. An RL agent trained on the morning's tape
/// (<see cref="DayJudgeSettings.Agent"/>, <see cref="TapeMarketEnvironment"/>) is judged the same way.
/// <code>
/// DayJudgement day = DayJudge.Run(ReplayEvents.Load(path, "lobster", new()), path, new DayJudgeSettings());
/// </code>
/// </summary>
public static class DayJudge
{
    /// <summary>The quoter whose fills the detector learns from, as <c>mm train detector</c> labels them.</summary>
    public const string DetectorQuoter = "touch";

    /// <summary>How many times <see cref="Run"/> reports progress with <paramref name="settings"/>.</summary>
    public static int Steps(DayJudgeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        bool spread = settings.Strategies.Any(s => StrategyChoice.Parse(s).Name == StrategyChoice.LearnedSpread);
        return 2 + (spread ? 1 : 0) + settings.Strategies.Count + (settings.Agent is null ? 0 : 1);
    }

    /// <summary>Fits on the morning and judges every strategy on the afternoon of <paramref name="events"/>.</summary>
    /// <param name="events">A whole trading day (order by order for exact queues).</param>
    /// <param name="data">Names the data in the result.</param>
    /// <param name="settings">Clock times, blocks, strategies, replay.</param>
    /// <param name="progress">Told each step as it starts (<see cref="Steps"/> of them).</param>
    /// <exception cref="InvalidParameterException">A setting is out of range, or the day does not cover the schedule.</exception>
    public static DayJudgement Run(ReplayEvents events, string data, DayJudgeSettings settings, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        TradingDaySchedule schedule = Schedule(events, settings);
        progress?.Invoke("calibrating σ, A, κ on the morning");
        CalibrationResult calibration = CalibrateMorning(events, schedule);

        // The session calibrates nothing itself: trading windows are set per block.
        ReplaySession session = ReplaySession.Open(settings.Replay with { CalibrationWindow = TimeSpan.Zero }, () => events.Source(schedule.Split));
        StrategySettings strategySettings = session.Baseline(calibration.Sigma.Value, calibration.A.Value, calibration.Kappa.Value, settings.Horizon);
        double lambda = settings.InventoryPenalty ?? (0.5 * strategySettings.Gamma * strategySettings.Sigma * strategySettings.Sigma);
        var penalty = InventoryPenalty.Symmetric(lambda);
        double tick = session.DataInstrument.TickSize;

        // A policy file that does not fit fails before the afternoon is traded.
        (string Label, PolicyStrategy Policy, double Interval)? agent = settings.Agent is { } policyFile ? LoadAgent(policyFile, session) : null;

        progress?.Invoke("training the adverse-selection detector on the morning's fills");
        DetectorJudgement detector = JudgeDetector(events, schedule, session, settings, out AdverseSelectionDetector model);
        IReadOnlyList<StrategyChoice> chosen = [.. settings.Strategies.Select(StrategyChoice.Parse)];
        var factory = new StrategyFactory();
        int spreadSamples = 0;
        if (chosen.Any(c => c.Name == StrategyChoice.LearnedSpread))
        {
            progress?.Invoke("training the spread predictor on the morning");
            (SpreadPredictor predictor, spreadSamples) = TrainSpread(events, schedule, settings.Seed);
            factory = factory with { SpreadModel = predictor };
        }

        var run = new RunSettings { Metrics = BacktestMetrics.ForRecordedData(double.PositiveInfinity) with { MarkoutHorizons = [] } }.Validate();
        var judged = new List<JudgedStrategy>();
        foreach (StrategyChoice choice in chosen)
        {
            progress?.Invoke($"{choice.Label}: {schedule.Blocks.Count} afternoon blocks");
            var blocks = new List<BlockResult>();
            foreach (TradingBlock block in schedule.Blocks)
            {
                IQuotingStrategy strategy = factory.Create(choice.Name, strategySettings, tick);
                strategy = choice.Guarded ? settings.Guard.Wrap(strategy, model, tick) : strategy;
                blocks.Add(RunBlock(events, session, block, strategy, run, penalty));
            }

            judged.Add(new JudgedStrategy(choice.Label, blocks));
        }

        if (agent is var (label, policy, interval))
        {
            progress?.Invoke($"{label}: {schedule.Blocks.Count} afternoon blocks");
            judged.Add(new JudgedStrategy(label, [.. schedule.Blocks.Select(block => RunBlock(events, session, block, policy, run with { DecisionInterval = interval }, penalty))]));
        }

        var comparisons = new List<PairedComparison>();
        foreach (JudgedStrategy baseline in judged.Where(j => settings.Baselines.Contains(j.Strategy)))
        {
            foreach (JudgedStrategy candidate in judged.Where(j => j != baseline))
            {
                comparisons.Add(PairedComparison.Of(baseline.Strategy, [.. baseline.Blocks.Select(b => b.Metrics)], candidate.Strategy, [.. candidate.Blocks.Select(b => b.Metrics)], penalty));
            }
        }

        return new DayJudgement(data, schedule, calibration, lambda, session.ExecutionText, judged, comparisons, detector, spreadSamples);
    }

    /// <summary>The day's schedule: its New York date from the first event; the data must reach into every block.</summary>
    /// <exception cref="InvalidParameterException">The data holds no message in the morning or in a block.</exception>
    public static TradingDaySchedule Schedule(ReplayEvents events, DayJudgeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(settings);
        TradingDaySchedule schedule = TradingDaySchedule.For(NewYorkClock.DayOf(events.First), settings.Open, settings.Split, settings.Close, settings.Block);
        if (!events.HasMessageIn(schedule.Open, schedule.Split))
        {
            throw new InvalidParameterException("split", $"the data holds no message between the open and the split ({settings.Open:HH\\:mm}–{settings.Split:HH\\:mm} New York): no morning to fit on");
        }

        foreach (TradingBlock block in schedule.Blocks)
        {
            if (!events.HasMessageIn(block.From, block.To))
            {
                throw new InvalidParameterException("block", $"the data holds no message in the afternoon block {block.Label} New York");
            }
        }

        return schedule;
    }

    /// <summary>
    /// σ, A, κ in price units from the morning: the calibration reads a stream of the events from
    /// the open to the split and nothing else, so no afternoon event can reach it.
    /// </summary>
    /// <exception cref="InvalidParameterException">The morning holds too little to calibrate on.</exception>
    public static CalibrationResult CalibrateMorning(ReplayEvents events, TradingDaySchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(schedule);
        using IMarketEventSource morning = events.Source(schedule.Open, schedule.Split);
        try
        {
            return MarketCalibrator.ForTicks().Calibrate(morning, window: null).InPriceUnits(events.Instrument.TickSize);
        }
        catch (InsufficientDataException e)
        {
            throw new InvalidParameterException("split", $"the morning is too short to calibrate on: {e.Message}");
        }
    }

    /// <summary>
    /// The agent of a <c>mm train --env tape</c> policy file as a strategy quoting as it trained: the
    /// tape environment's grid, Q_max and observation, one lot, a decision every step.
    /// </summary>
    private static (string Label, PolicyStrategy Agent, double DecisionInterval) LoadAgent(string path, ReplaySession session)
    {
        TapeEnvironmentSettings tape = TapeEnvironmentSettings.For(session.DataInstrument.TickSize);
        (string kind, IDiscretePolicy policy) = AgentCatalog.Load(path, tape.Shape);
        string label = $"rl-{kind}";
        return (label, new PolicyStrategy(label, policy, tape.Actions, tape.MaxInventory, tape.EpisodeSeconds, tape.Observation, session.DataInstrument.LotSize), tape.StepSeconds);
    }

    /// <summary>One strategy traded in one block: the day before it replayed untraded, the replay stopped at its end.</summary>
    private static BlockResult RunBlock(ReplayEvents events, ReplaySession session, TradingBlock block, IQuotingStrategy strategy, RunSettings run, InventoryPenalty penalty)
    {
        using IMarketEventSource source = events.Source(block.To);
        ReplayMarket market = session.Market(source, strategy, block.From - events.First);
        var fills = new FillTimes();
        RunResult result = EventLoop.Run(market, strategy, run with { Observer = fills });
        return new BlockResult(block.Label, result.Metrics.NetPnl, PairedComparison.RiskAdjusted(result.Metrics, penalty), result.Metrics.Fills, result.Metrics.MeanAbsInventory, fills.First, fills.Last, result.Metrics);
    }

    /// <summary>
    /// A touch quoter over the whole day with exact queues; its fills labelled by their markout.
    /// Fits on the fills whose markout lands before the split, tests on the fills at or after it.
    /// </summary>
    private static DetectorJudgement JudgeDetector(ReplayEvents events, TradingDaySchedule schedule, ReplaySession session, DayJudgeSettings settings, out AdverseSelectionDetector detector)
    {
        MarketFeatureSettings features = settings.Guard.Features();
        var selection = new FeatureSelection(FeatureSelection.Defaults);
        IQuotingStrategy touch = StrategyCatalog.Create(DetectorQuoter, new StrategySettings { OrderQuantity = session.DataInstrument.LotSize });
        var fills = new LabeledDataset(selection.Names);
        using (IMarketEventSource source = events.Source())
        {
            ReplayMarket market = session.Market(source, touch, startAfter: 0);
            market.Features = new MarketFeatures(features);

            // Row times count from the first decision; the origin turns them back into the day's clock.
            long origin = market.LocalTime;
            EventLoop.Run(market, touch, new RunSettings { Observer = new AdverseFillLabeler(selection, fills, settings.DetectorHorizon, threshold: 0, timeOffset: origin) });
        }

        long horizon = (long)(settings.DetectorHorizon * 1e9);
        var train = new LabeledDataset(selection.Names);
        var test = new LabeledDataset(selection.Names);
        for (int row = 0; row < fills.Count; row++)
        {
            long time = fills.Time(row);
            LabeledDataset? part = time >= schedule.Open && time + horizon < schedule.Split ? train : time >= schedule.Split && time < schedule.Close ? test : null;
            part?.Add(time, fills.Features(row), fills.Label(row));
        }

        DetectorTraining training = DetectorTraining.Fit(train, test, settings.DetectorL2, features);
        detector = training.Detector;
        return new DetectorJudgement(DetectorQuoter, settings.DetectorHorizon, train.Count, train.Positives, training.Test, AucInterval.Of(training.Test));
    }

    /// <summary>The spread predictor trained on the morning's samples (the last 30% of them held out, as <c>mm train spread</c>).</summary>
    private static (SpreadPredictor Predictor, int Samples) TrainSpread(ReplayEvents events, TradingDaySchedule schedule, int seed)
    {
        var targets = new SpreadTargetSettings().Validate();
        SpreadDataset samples;
        using (IMarketEventSource source = events.Source(schedule.Open, schedule.Split))
        {
            samples = SpreadSampling.FromData(source, new FeatureSelection(SpreadPredictor.DefaultFeatures), targets);
        }

        (SpreadDataset train, SpreadDataset test) = samples.SplitByTime(0.7);
        (SpreadPredictor predictor, _) = SpreadPredictorTraining.Fit(train, test, targets, new SpreadTrainingOptions { Seed = seed }.Validate());
        return (predictor, samples.Count);
    }

    /// <summary>Collects the first and last fill's local time.</summary>
    private sealed class FillTimes : IRunObserver
    {
        public long First { get; private set; }

        public long Last { get; private set; }

        public void OnFill(in Fill fill, IMarket market)
        {
            long now = ((ReplayMarket)market).LocalTime;
            First = First == 0 ? now : First;
            Last = now;
        }

        public void OnMark(IMarket market, double position)
        {
        }
    }
}
