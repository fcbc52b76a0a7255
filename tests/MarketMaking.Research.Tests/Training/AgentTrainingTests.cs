using MarketMaking.Core.Errors;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Environments;
using MarketMaking.Research.Evaluation;
using MarketMaking.Research.Training;

namespace MarketMaking.Research.Tests.Training;

public sealed class AgentTrainingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-training-").FullName;

    [Fact]
    public void DefaultsComeFromTheAgentAndBadSettingsAreNamed()
    {
        TrainingEnvironment cj = TrainingEnvironment.Model("cj");
        var ppo = AgentTraining.Prepare(new AgentTrainingSettings { Agent = "ppo" }, cj);
        Assert.Equal((6_000_000L, 6_016_000L, 18_048_000L), (ppo.StepsAsked, ppo.StepsPerMember, ppo.TotalSteps));   // three members of 6 M each, in whole rollouts of 256 × 100: 235 of them
        Assert.Equal("whole rollouts of 25,600 transitions", ppo.StepUnit);
        var dqn = AgentTraining.Prepare(new AgentTrainingSettings { Agent = "dqn", Steps = 20_000, Environments = 64 }, cj);
        Assert.Equal((20_032L, "whole steps of 64 trajectories"), (dqn.StepsPerMember, dqn.StepUnit));   // 313 steps of 64
        Assert.Equal(4, AgentCatalog.MembersOf(AgentTraining.Prepare(new AgentTrainingSettings { Agent = "dqn" }, cj).Agent));

        Assert.Equal("agent", Assert.Throws<InvalidParameterException>(() => AgentTraining.Prepare(new AgentTrainingSettings(), cj)).Parameter);
        Assert.Equal("steps", Assert.Throws<InvalidParameterException>(() => AgentTraining.Prepare(new AgentTrainingSettings { Agent = "dqn", Steps = 0 }, cj)).Parameter);
        Assert.Equal("envs", Assert.Throws<InvalidParameterException>(() => AgentTraining.Prepare(new AgentTrainingSettings { Agent = "dqn", Environments = 0 }, cj)).Parameter);
        Assert.Equal("members", Assert.Throws<InvalidParameterException>(() => AgentTraining.Prepare(new AgentTrainingSettings { Agent = "qlearning", Members = 2 }, cj)).Parameter);
    }

    [Fact]
    public void PposLambdaAndEntropyOverridesReachBothHeadsAndABadLambdaIsNamed()
    {
        TrainingEnvironment cj = TrainingEnvironment.Model("cj");
        var overrides = new AgentOverrides(GaeLambda: 0.6, EntropyCoefficient: 0);
        var continuous = (ContinuousPpoAgent)AgentTraining.Prepare(new AgentTrainingSettings { Agent = "ppo-continuous", Members = 1, Overrides = overrides }, cj).Agent;
        var grid = (PpoAgent)AgentTraining.Prepare(new AgentTrainingSettings { Agent = "ppo", Members = 1, Overrides = overrides }, cj).Agent;
        Assert.Equal((0.6f, 0f), (continuous.Settings.GaeLambda, continuous.Settings.EntropyCoefficient));
        Assert.Equal((0.6f, 0f), (grid.Settings.GaeLambda, grid.Settings.EntropyCoefficient));
        Assert.Equal((0.3f, 0.003f), (new PpoSettings().GaeLambda, new PpoSettings().EntropyCoefficient));   // what no override keeps

        var bad = new AgentTrainingSettings { Agent = "ppo-continuous", Members = 1, Overrides = new AgentOverrides(GaeLambda: 1.5) };
        Assert.Equal("gae_lambda", Assert.Throws<InvalidParameterException>(() => AgentTraining.Prepare(bad, cj)).Parameter);
    }

    [Fact]
    public void TheSquashReachesContinuousPpoAndItsEnsembleAndDefaultsToTanh()
    {
        TrainingEnvironment cj = TrainingEnvironment.Model("cj");
        var clipped = (ContinuousPpoEnsemble)AgentTraining.Prepare(
            new AgentTrainingSettings { Agent = "ppo-continuous", Members = 2, Overrides = new AgentOverrides(Squash: ActionSquash.Clip) }, cj).Agent;
        Assert.Equal([ActionSquash.Clip, ActionSquash.Clip], clipped.Members.Select(m => m.Squash));
        var plain = (ContinuousPpoAgent)AgentTraining.Prepare(new AgentTrainingSettings { Agent = "ppo-continuous", Members = 1 }, cj).Agent;
        Assert.Equal(ActionSquash.Tanh, plain.Squash);
    }

    [Fact]
    public void ATimeGainReachesBothPposAndDefaultsToTheInventorys()
    {
        TrainingEnvironment cj = TrainingEnvironment.Model("cj");
        var overrides = new AgentOverrides(TimeScale: 1);
        var continuous = (ContinuousPpoAgent)AgentTraining.Prepare(new AgentTrainingSettings { Agent = "ppo-continuous", Members = 1, Overrides = overrides }, cj).Agent;
        var grid = (PpoAgent)AgentTraining.Prepare(new AgentTrainingSettings { Agent = "ppo", Members = 1, Overrides = overrides }, cj).Agent;
        Assert.Equal((1f, 1f), (continuous.Network.TimeScale, grid.Network.TimeScale));
        var plain = (ContinuousPpoAgent)AgentTraining.Prepare(new AgentTrainingSettings { Agent = "ppo-continuous", Members = 1 }, cj).Agent;
        Assert.Equal((5f, 5f, false), (plain.Network.ObservationScale, plain.Network.TimeScale, plain.Network.TimeProducts));
        var products = (ContinuousPpoAgent)AgentTraining.Prepare(
            new AgentTrainingSettings { Agent = "ppo-continuous", Members = 1, Overrides = new AgentOverrides(TimeProducts: true) }, cj).Agent;
        Assert.Equal((true, 6), (products.Network.TimeProducts, products.Network.FeatureSize));

        var bad = new AgentTrainingSettings { Agent = "ppo-continuous", Members = 1, Overrides = new AgentOverrides(TimeScale: double.NaN) };
        Assert.Equal("time_scale", Assert.Throws<InvalidParameterException>(() => AgentTraining.Prepare(bad, cj)).Parameter);
    }

    [Fact]
    public void ATrainingRunWritesItsCurveAndPolicyAndTheEvaluationScoresItAgainstTheOptimum()
    {
        string policy = Path.Combine(_folder, "q.json"), curve = Path.Combine(_folder, "q.csv");
        var settings = new AgentTrainingSettings { Agent = "qlearning", Steps = 200_000, Environments = 64, OutputPath = policy, CurvePath = curve, CheckpointEvery = 50_000 };
        var reports = new List<AgentTrainingProgress>();
        int trainer = Environment.CurrentManagedThreadId;
        AgentTrainingResult result = AgentTraining.Prepare(settings, TrainingEnvironment.Model("cj")).Run(new InlineProgress<AgentTrainingProgress>(p =>
        {
            Assert.Equal(Environment.CurrentManagedThreadId, trainer);   // reported on the training thread, in order
            reports.Add(p);
        }));

        Assert.Equal(("qlearning", policy), (result.Agent, result.PolicyPath));
        Assert.True(result.Steps >= 200_000, $"trained {result.Steps} of 200,000 transitions");
        Assert.Equal(reports[^1].Steps, result.Steps);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second.Steps > p.First.Steps), "progress only goes forward");
        string[] lines = File.ReadAllLines(curve);
        Assert.Equal("steps,seconds,steps_per_second,mean_episode_reward", lines[0]);
        Assert.Equal(reports.Count, lines.Length - 1);   // one curve line per report

        // The policy file holds the agent; resuming it with another member count is refused.
        (string kind, IDiscretePolicy loaded) = AgentCatalog.Load(policy, AgentShape.Of(EnvironmentPresets.CarteaJaimungal));
        Assert.Equal("qlearning", kind);
        Assert.Equal("members", Assert.Throws<InvalidParameterException>(() => AgentTraining.Prepare(new AgentTrainingSettings { ResumeFrom = policy, Members = 3 }, TrainingEnvironment.Model("cj"))).Parameter);

        // Scored beside the optimum and the best constant depth: by definition they close all and none of the gap.
        ModelPolicyEvaluation evaluation = ModelPolicyEvaluation.Run(kind, loaded, EnvironmentPresets.CarteaJaimungal, 500, 1_000_001, 0.1);
        Assert.Equal(["qlearning", "cj (optimal)", "as", "glft"], evaluation.Rows.Where(r => !r.Strategy.StartsWith("constant", StringComparison.Ordinal)).Select(r => r.Strategy));
        Assert.Equal(1, evaluation.GapClosed(evaluation.Optimal), 12);
        Assert.Equal(0, evaluation.GapClosed(evaluation.Constant), 12);
        Assert.True(evaluation.Optimal.Mean > evaluation.Constant.Mean);
        Assert.Equal(7 * 3, evaluation.Quotes.Count);   // q = −3…3 at three times left
    }

    [Fact]
    public void SacTrainsOnTheModelMarketAndIsEvaluatedWithItsOwnContinuousDepths()
    {
        string policy = Path.Combine(_folder, "sac.json");
        TrainingEnvironment cj = TrainingEnvironment.Model("cj");
        AgentTraining training = AgentTraining.Prepare(new AgentTrainingSettings { Agent = "sac", Steps = 3_200, Environments = 64, OutputPath = policy }, cj);
        Assert.Equal(1, AgentCatalog.MembersOf(training.Agent));
        AgentTrainingResult result = training.Run();
        Assert.Equal(("sac", 3_200L), (result.Agent, result.Steps));

        (string kind, Learning.Agents.PolicyStrategy strategy) = AgentCatalog.LoadStrategy(policy, EnvironmentPresets.CarteaJaimungal);
        var agent = (Learning.Agents.Sac.SacAgent)AgentCatalog.LoadAgent(policy).Agent;
        Assert.Equal(("sac", "sac"), (kind, strategy.Name));
        Assert.Equal((0, 12 * 0.2), (agent.Depths.Min, agent.Depths.Max));   // 0 to the grid's largest depth
        ModelPolicyEvaluation evaluation = ModelPolicyEvaluation.Run(strategy, EnvironmentPresets.CarteaJaimungal, 200, 1_000_001, 0.1);
        Assert.Equal("sac", evaluation.Rows[0].Strategy);

        // The quote table shows the agent's own depths at q = −3 and all of T left (observation [−0.3, 1]).
        (double bid, double ask) = agent.Act([-0.3f, 1f]);
        var row = evaluation.Quotes.First(q => q.Inventory == -3 && q.TimeLeft == 1);
        Assert.Equal(bid, row.BidDepth, 9);
        Assert.Equal(ask, row.AskDepth, 9);

        // A continuous policy has no grid action to take on the book.
        DataFormatException error = Assert.Throws<DataFormatException>(() => AgentCatalog.Load(policy, AgentShape.Of(EnvironmentPresets.CarteaJaimungal)));
        Assert.Equal("format", error.Field);
    }

    [Fact]
    public void ContinuousPpoEnsemblesTrainOnTheModelMarketAndQuoteTheirMembersMean()
    {
        string policy = Path.Combine(_folder, "ppo-continuous.json");
        TrainingEnvironment cj = TrainingEnvironment.Model("cj");
        AgentTraining training = AgentTraining.Prepare(
            new AgentTrainingSettings { Agent = "ppo-continuous", Steps = 6_400, Environments = 64, Members = 2, OutputPath = policy }, cj);
        Assert.Equal(2, AgentCatalog.MembersOf(training.Agent));
        AgentTrainingResult result = training.Run();
        Assert.Equal(("ppo-continuous", 2 * 6_400L), (result.Agent, result.Steps));

        (string kind, Learning.Agents.PolicyStrategy strategy) = AgentCatalog.LoadStrategy(policy, EnvironmentPresets.CarteaJaimungal);
        var ensemble = (Learning.Agents.Ppo.ContinuousPpoEnsemble)AgentCatalog.LoadAgent(policy).Agent;
        Assert.Equal(("ppo-continuous", "ppo-continuous"), (kind, strategy.Name));
        Assert.Equal([6_400L, 6_400L], ensemble.Members.Select(m => m.EnvironmentSteps));
        ModelPolicyEvaluation evaluation = ModelPolicyEvaluation.Run(strategy, EnvironmentPresets.CarteaJaimungal, 200, 1_000_001, 0.1);
        (double bid, double ask) = ensemble.Act([0.3f, 0.5f]);
        var row = evaluation.Quotes.First(q => q.Inventory == 3 && q.TimeLeft == 0.5);
        Assert.Equal(bid, row.BidDepth, 9);
        Assert.Equal(ask, row.AskDepth, 9);
        Assert.Equal("format", Assert.Throws<DataFormatException>(() => AgentCatalog.Load(policy, AgentShape.Of(EnvironmentPresets.CarteaJaimungal))).Field);
    }

    [Fact]
    public void APolicyOrCurvePathThatCannotBeWrittenFailsBeforeAnyTraining()
    {
        string blocker = Path.Combine(_folder, "a-file");
        File.WriteAllText(blocker, "a file where a folder should be");
        TrainingEnvironment cj = TrainingEnvironment.Model("cj");
        Assert.Throws<OutputException>(() => AgentTraining.Prepare(new AgentTrainingSettings { Agent = "qlearning", OutputPath = Path.Combine(blocker, "q.json") }, cj));
        Assert.Throws<OutputException>(() => AgentTraining.Prepare(new AgentTrainingSettings { Agent = "qlearning", CurvePath = Path.Combine(blocker, "q.csv") }, cj));
        Assert.Throws<OutputException>(() => AgentTraining.Prepare(new AgentTrainingSettings { Agent = "qlearning", OutputPath = _folder }, cj));   // a folder, not a file
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.part"));
    }

    [Fact]
    public void AResumeSaysFromWhichStepAndRefusesAnotherAgent()
    {
        string policy = Path.Combine(_folder, "q.json");
        TrainingEnvironment cj = TrainingEnvironment.Model("cj");
        AgentTrainingResult first = AgentTraining.Prepare(new AgentTrainingSettings { Agent = "qlearning", Steps = 6400, Environments = 64, OutputPath = policy }, cj).Run();
        Assert.Equal(6400, first.Steps);   // 100 steps of 64 trajectories

        AgentTraining resumed = AgentTraining.Prepare(new AgentTrainingSettings { ResumeFrom = policy, Steps = 640, Environments = 64, OutputPath = policy }, cj);
        Assert.Equal(6400, resumed.ResumedFromStep);
        Assert.Null(AgentTraining.Prepare(new AgentTrainingSettings { Agent = "qlearning" }, cj).ResumedFromStep);
        var e = Assert.Throws<InvalidParameterException>(() => AgentTraining.Prepare(new AgentTrainingSettings { Agent = "ppo", ResumeFrom = policy }, cj));
        Assert.Equal($"invalid agent: {policy} holds a qlearning policy, not ppo: resume it with --agent qlearning (or without --agent)", e.Message);
    }

    [Fact]
    public void TheCurveIsOnDiskAsTrainingGoesSoAnInterruptedRunKeepsIt()
    {
        string curve = Path.Combine(_folder, "curve.csv");
        var training = AgentTraining.Prepare(new AgentTrainingSettings { Agent = "qlearning", Steps = 400_000_000, Environments = 64, CurvePath = curve }, TrainingEnvironment.Model("cj"));
        using var stop = new CancellationTokenSource();
        string[] seen = [];
        Assert.ThrowsAny<OperationCanceledException>(() => training.Run(new InlineProgress<AgentTrainingProgress>(_ =>
        {
            // What a reader sees while the run goes on: the header and every line reported so far.
            using var reader = new StreamReader(new FileStream(curve, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            seen = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            stop.Cancel();   // as Ctrl-C does
        }), stop.Token));

        Assert.Equal(2, seen.Length);
        Assert.Equal("steps,seconds,steps_per_second,mean_episode_reward", seen[0]);
        Assert.Equal(2, File.ReadAllLines(curve).Length);
    }

    /// <summary>The curve wrote "NaN" for the mean episode reward until an episode finished: text to a CSV reader, not a missing value.</summary>
    [Fact]
    public void TheCurveLeavesTheMeanEmptyUntilAnEpisodeFinishes()
    {
        string curve = Path.Combine(_folder, "short.csv");
        AgentTraining.Prepare(new AgentTrainingSettings { Agent = "qlearning", Steps = 64, Environments = 64, CurvePath = curve }, TrainingEnvironment.Model("cj")).Run();
        string[] lines = File.ReadAllLines(curve);
        Assert.Equal(2, lines.Length);
        Assert.Matches("^64,[0-9]+\\.[0-9]{3},[0-9]+,$", lines[1]);   // one step of 64 trajectories: episodes are 100 steps long
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
