using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Environments;
using MarketMaking.Simulation.Agents;

namespace MarketMaking.Research.Training;

/// <summary>
/// Where an agent trains: the vectorized model market (a preset of <see cref="EnvironmentPresets"/>)
/// or the agent-based book (<see cref="BookEnvironment"/>), with the shape of its observations and
/// actions and a way to make a fresh environment of N trajectories.
/// </summary>
public sealed class TrainingEnvironment
{
    private readonly EnvironmentSettings? _model;
    private readonly AgentEnvironmentSettings? _book;

    private TrainingEnvironment(string name, EnvironmentSettings? model, AgentEnvironmentSettings? book)
    {
        Name = name;
        _model = model;
        _book = book;
        Shape = book is not null ? AgentShape.Of(book) : AgentShape.Of(model!);
    }

    /// <summary>The environment's name (cj, lob, …).</summary>
    public string Name { get; }

    /// <summary>Observation and action sizes an agent for this environment needs.</summary>
    public AgentShape Shape { get; }

    /// <summary>
    /// A model-market preset; <paramref name="trainingPhi"/> replaces the running inventory penalty
    /// of the training reward (reward shaping; evaluation keeps the environment's own).
    /// </summary>
    public static TrainingEnvironment Model(string preset, double? trainingPhi = null)
    {
        EnvironmentSettings settings = EnvironmentPresets.Get(preset);
        return new TrainingEnvironment(preset, trainingPhi is { } phi ? (settings with { Phi = phi }).Validate() : settings, null);
    }

    /// <summary>The agent-based book over <paramref name="market"/>, named lob; <paramref name="trainingPhi"/> as for <see cref="Model"/>.</summary>
    public static TrainingEnvironment Book(AgentMarketParameters market, double? trainingPhi = null)
    {
        AgentEnvironmentSettings settings = BookEnvironment.For(market);
        return new TrainingEnvironment("lob", null, trainingPhi is { } phi ? (settings with { Phi = phi }).Validate() : settings);
    }

    /// <summary>A fresh environment stepping <paramref name="trajectories"/> trajectories together.</summary>
    public IVectorEnvironment Create(int trajectories) =>
        _book is not null ? new AgentMarketEnvironment(_book, trajectories) : new ModelMarketEnvironment(_model!, trajectories);
}
