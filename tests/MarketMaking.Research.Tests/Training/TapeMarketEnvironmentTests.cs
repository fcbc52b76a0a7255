using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Data.Files;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Judging;
using MarketMaking.Research.Replay;
using MarketMaking.Research.Simulations;
using MarketMaking.Research.Training;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;
using MarketMaking.Tests.Samples;

namespace MarketMaking.Research.Tests.Training;

public class TapeMarketEnvironmentTests
{
    private const double EpisodeSeconds = 300;

    private static readonly Lazy<ReplayEvents> Amzn = new(() =>
        ReplayEvents.Load(Path.Combine(SharedData.Folder!, "lobster/LOBSTER_SampleFile_AMZN_2012-06-21_5.zip"), "lobster", new MarketDataOptions()));

    private static readonly ReplaySetup OneMillisecond = new() { Latency = LatencySpec.Constant(TimeSpan.FromMilliseconds(1)), CalibrationWindow = TimeSpan.Zero };

    [SharedDataFact]
    public void AFixedActionSequenceFillsAndEarnsAsTheBacktestOfTheSameDepths()
    {
        ReplayEvents day = Amzn.Value;
        TradingDaySchedule schedule = DayJudge.Schedule(day, new DayJudgeSettings());
        ReplaySession session = ReplaySession.Open(OneMillisecond, () => day.Source(schedule.Split));
        double tick = session.DataInstrument.TickSize;
        var settings = TapeEnvironmentSettings.For(tick) with { Phi = 0, EpisodeSeconds = EpisodeSeconds };

        // A window exactly one episode long can start only at its beginning: 10:30 New York.
        long from = schedule.Open + (long)3600e9, until = from + (long)(EpisodeSeconds * 1e9);
        var env = new TapeMarketEnvironment(day, session, from, until, settings, count: 1);
        var observation = new float[env.ObservationSize];
        env.Reset(7, observation);
        Assert.Equal(from, env.WindowStart(0));

        // Touch-ish and wide quotes, symmetric and skewed, in turn.
        int[] sequence = [settings.Actions.Action(0, 0), settings.Actions.Action(1, 3), settings.Actions.Action(2, 2), settings.Actions.Action(4, 0), settings.Actions.Action(0, 1)];
        double ticks = 0;
        int steps = 0;
        var reward = new float[1];
        var terminated = new bool[1];
        var truncated = new bool[1];
        do
        {
            env.Step([sequence[steps % sequence.Length]], observation, reward, terminated, truncated);
            ticks += reward[0];
            steps++;
        }
        while (!terminated[0]);
        long fills = env.Fills;

        // The same depths through mm backtest's path: the event loop deciding once a second, ledger and metrics.
        var strategy = new DepthSequence(settings, sequence, session.DataInstrument.LotSize);
        using IMarketEventSource source = day.Source(until);
        RunResult backtest = EventLoop.Run(session.Market(source, strategy, from - day.First), strategy, ReplayBacktest.Settings() with { DecisionInterval = settings.StepSeconds });

        Assert.True(fills >= 20, $"only {fills} fills: the window checks too little");
        Assert.Equal(backtest.Metrics.Fills, fills);
        Assert.Equal(steps, strategy.Decisions);
        Assert.Equal(backtest.Metrics.NetPnl, ticks * tick, 3);
    }

    [SharedDataFact]
    public void WindowsAreDrawnFromTheSeedInsideTheMorning()
    {
        ReplayEvents day = Amzn.Value;
        TradingDaySchedule schedule = DayJudge.Schedule(day, new DayJudgeSettings());
        ReplaySession session = ReplaySession.Open(OneMillisecond, () => day.Source(schedule.Split));
        TapeEnvironmentSettings settings = TapeEnvironmentSettings.For(session.DataInstrument.TickSize);
        long[] Starts(ulong seed)
        {
            var env = new TapeMarketEnvironment(day, session, schedule.Open, schedule.Split, settings, count: 4);
            env.Reset(seed, new float[4 * env.ObservationSize]);
            return [.. Enumerable.Range(0, 4).Select(env.WindowStart)];
        }

        long[] first = Starts(3);
        Assert.Equal(first, Starts(3));
        Assert.NotEqual(first, Starts(4));
        Assert.Equal(4, first.Distinct().Count());
        Assert.All(first, s => Assert.InRange(s, schedule.Open, schedule.Split - (long)(settings.EpisodeSeconds * 1e9)));
    }

    [SharedDataFact]
    public void TrainingOnTheMorningReadsNoAfternoonEvent()
    {
        ReplayEvents day = Amzn.Value;
        TradingDaySchedule schedule = DayJudge.Schedule(day, new DayJudgeSettings());

        // Every trade 50 ticks away and ten times as large, in the afternoon only or in the morning only.
        MarketEvent[] afternoon = day.ToArray();
        MarketEvent[] morning = day.ToArray();
        for (int i = 0; i < afternoon.Length; i++)
        {
            if (afternoon[i].Kind == MarketEventKind.Trade)
            {
                MarketEvent e = afternoon[i];
                (e.LocalTime >= schedule.Split ? afternoon : morning)[i] = e with { Price = e.Price + 50, Size = e.Size * 10 };
            }
        }

        string original = Train(day), changedAfternoon = Train(ReplayEvents.Of(afternoon, day.Instrument)), changedMorning = Train(ReplayEvents.Of(morning, day.Instrument));
        Assert.Equal(original, changedAfternoon);

        // The same change in the morning does change the policy, so the check above could fail.
        Assert.NotEqual(original, changedMorning);
    }

    [SharedDataFact]
    public void AMorningShorterThanAnEpisodeIsRefused()
    {
        ReplayEvents day = Amzn.Value;
        var e = Assert.Throws<Core.Errors.InvalidParameterException>(() => TrainingEnvironment.Tape(day, OneMillisecond, new TimeOnly(9, 30), new TimeOnly(9, 33)));
        Assert.Contains("less than one episode", e.Message, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void TheJudgeTradesTheAgentInItsAfternoonBlocksPairedWithAsAndGlft()
    {
        ReplayEvents day = Amzn.Value;
        string path = Path.Combine(Path.GetTempPath(), $"tape-ppo-{Guid.NewGuid():N}.json");
        try
        {
            Train(day, path);
            var settings = new DayJudgeSettings { Strategies = ["as", "glft"], Block = TimeSpan.FromHours(2), Agent = path, Replay = OneMillisecond };
            var steps = new List<string>();
            DayJudgement judged = DayJudge.Run(day, "AMZN", settings, steps.Add);

            Assert.Equal(DayJudge.Steps(settings), steps.Count);
            Assert.Equal(["as", "glft", "rl-ppo"], judged.Strategies.Select(s => s.Strategy));
            JudgedStrategy agent = judged.Strategies[2];
            Assert.True(agent.Fills > 0, "the agent never filled");
            for (int i = 0; i < agent.Blocks.Count; i++)
            {
                BlockResult block = agent.Blocks[i];
                if (block.Fills > 0)
                {
                    Assert.InRange(block.FirstFill, judged.Schedule.Blocks[i].From, block.LastFill);
                    Assert.InRange(block.LastFill, block.FirstFill, judged.Schedule.Blocks[i].To - 1);
                }
            }

            // Paired with each baseline block by block: the mean of the block differences.
            foreach (JudgedStrategy baseline in judged.Strategies.Take(2))
            {
                PairedComparison paired = Assert.Single(judged.Comparisons, c => c.Baseline == baseline.Strategy && c.Candidate == "rl-ppo");
                Assert.Equal(agent.Blocks.Zip(baseline.Blocks, (a, b) => a.NetPnl - b.NetPnl).Average(), paired.Pnl.Mean, 9);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SharedDataFact]
    public void TheJudgeRefusesAnAgentOfAnotherGrid()
    {
        ReplayEvents day = Amzn.Value;
        string path = Path.Combine(Path.GetTempPath(), $"cj-dqn-{Guid.NewGuid():N}.json");
        try
        {
            AgentCatalog.Save(AgentCatalog.Create("dqn", TrainingEnvironment.Model("cj").Shape, 1, 1000, AgentOverrides.None), path);
            var settings = new DayJudgeSettings { Strategies = ["as"], Block = TimeSpan.FromHours(4), Agent = path, Replay = OneMillisecond };
            var e = Assert.Throws<Core.Errors.DataFormatException>(() => DayJudge.Run(day, "AMZN", settings));
            Assert.Contains("environment has 49", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A small PPO trained on the morning's windows: its policy file's text.</summary>
    private static string Train(ReplayEvents day)
    {
        string path = Path.Combine(Path.GetTempPath(), $"tape-ppo-{Guid.NewGuid():N}.json");
        try
        {
            Train(day, path);
            return File.ReadAllText(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Train(ReplayEvents day, string path) =>
        AgentTraining.Prepare(
            new AgentTrainingSettings { Agent = "ppo", Members = 1, Steps = 256, Environments = 4, Seed = 5, Overrides = new AgentOverrides(BatchSize: 32, UpdateFrequency: 32), OutputPath = path },
            TrainingEnvironment.Tape(day, OneMillisecond, new TimeOnly(9, 30), new TimeOnly(12, 0))).Run();

    /// <summary>Quotes the grid's depths of the k-th action of a sequence at the k-th decision, within Q_max, as the environment does.</summary>
    private sealed class DepthSequence(TapeEnvironmentSettings settings, int[] sequence, double lot) : IQuotingStrategy
    {
        public string Name => "depth-sequence";

        public int Decisions { get; private set; }

        public QuoteDecision Decide(in QuoteContext context)
        {
            int action = sequence[Decisions++ % sequence.Length];
            double q = context.Inventory / lot;
            var decision = default(QuoteDecision);
            if (q < settings.MaxInventory - 0.5)
            {
                decision.Add(Side.Buy, context.Mid - settings.Actions.BidDepth(action), lot);
            }

            if (q > -settings.MaxInventory + 0.5)
            {
                decision.Add(Side.Sell, context.Mid + settings.Actions.AskDepth(action), lot);
            }

            return decision;
        }
    }
}
