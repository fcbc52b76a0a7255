using MarketMaking.Core.Errors;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Environments;
using MarketMaking.Research.Evaluation;
using MarketMaking.Research.Simulations;
using MarketMaking.Research.Training;
using MarketMaking.Simulation.Agents;

namespace MarketMaking.Research.Tests.Evaluation;

public class BookPolicyEvaluationTests
{
    [Fact]
    public void APolicyOnTheBookIsComparedWithCalibratedBaselinesOnTheSameSeeds()
    {
        var market = new AgentMarketParameters();
        AgentEnvironmentSettings book = BookEnvironment.For(market);
        Assert.Equal((300.0, 1.0, 49, 10), (book.EpisodeSeconds, book.StepSeconds, book.Actions.Count, book.MaxInventory));

        // An untrained DQN is a policy like any other.
        var policy = (IDiscretePolicy)AgentCatalog.Create("dqn", AgentShape.Of(book), 1, 1000, AgentOverrides.None);
        AgentMarketSetup setup = AgentMarketSetup.Calibrate("lob/default", market, 5, 600);
        BookPolicyEvaluation evaluation = BookPolicyEvaluation.Run("dqn", policy, book, setup, 3, 5);

        Assert.Equal(["dqn", "as", "glft"], evaluation.Rows.Select(r => r.Strategy));
        Assert.All(evaluation.Evaluations, e => Assert.Equal(3, e.Runs.Count));
        Assert.All(evaluation.Evaluations.SelectMany(e => e.Runs), r => Assert.True(r.Metrics.MaxAbsInventory <= 10 * market.LotSize, "Q_max of the environment holds for every strategy"));
        Assert.Equal([("as", "dqn"), ("glft", "dqn")], evaluation.Differences.Select(d => (d.Baseline, d.Candidate)));

        // Paired differences of means: the policy's mean PnL less each baseline's.
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(evaluation.Evaluations[0].Summary.ProfitMean - evaluation.Evaluations[i + 1].Summary.ProfitMean, evaluation.Differences[i].Pnl.Mean, 9);
        }
    }

    [Fact]
    public void ContinuousAgentsTrainOnTheBookInTicksAndAreComparedWithTheBaselines()
    {
        var market = new AgentMarketParameters();
        AgentEnvironmentSettings book = BookEnvironment.For(market);
        Assert.Equal(new DepthRange(0, 40), book.Depths);   // ticks: 0 to the grid's 40
        string folder = Directory.CreateTempSubdirectory("mm-book-continuous-").FullName;
        try
        {
            string policy = Path.Combine(folder, "ppo-continuous.json");
            AgentTrainingResult result = AgentTraining.Prepare(
                new AgentTrainingSettings { Agent = "ppo-continuous", Steps = 200, Environments = 2, Members = 1, OutputPath = policy }, TrainingEnvironment.Book(market)).Run();
            Assert.Equal(200, result.Steps);
            var agent = (ContinuousPpoAgent)AgentCatalog.LoadAgent(policy).Agent;
            Assert.Equal((book.Depths, book.Observation.Size), (agent.Depths, agent.ObservationSize));

            (string kind, PolicyStrategy strategy) = AgentCatalog.LoadStrategy(policy, book);
            AgentMarketSetup setup = AgentMarketSetup.Calibrate("lob/default", market, 5, 600);
            BookPolicyEvaluation evaluation = BookPolicyEvaluation.Run(strategy, book, setup, 2, 5);
            Assert.Equal([kind, "as", "glft"], evaluation.Rows.Select(r => r.Strategy));

            // SAC trains on the book as well.
            Assert.Equal(100, AgentTraining.Prepare(new AgentTrainingSettings { Agent = "sac", Steps = 100, Environments = 2 }, TrainingEnvironment.Book(market)).Run().Steps);

            // A continuous policy trained on the model market (depths in price units) is refused on the book.
            string cj = Path.Combine(folder, "cj.json");
            new ContinuousPpoAgent(book.Observation.Size, EnvironmentPresets.CarteaJaimungal.Depths, seed: 1).Save(cj);
            Assert.Equal("depths", Assert.Throws<DataFormatException>(() => AgentCatalog.LoadStrategy(cj, book)).Field);
            new ContinuousPpoAgent(2, book.Depths, seed: 1).Save(cj);
            Assert.Equal("observation_size", Assert.Throws<DataFormatException>(() => AgentCatalog.LoadStrategy(cj, book)).Field);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
