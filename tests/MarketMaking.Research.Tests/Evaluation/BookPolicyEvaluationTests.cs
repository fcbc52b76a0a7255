using MarketMaking.Learning.Agents;
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
}
