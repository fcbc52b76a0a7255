using MarketMaking.Core.Errors;
using MarketMaking.Data.Files;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Environments;
using MarketMaking.Research.Replay;
using MarketMaking.Simulation.Agents;

namespace MarketMaking.Research.Training;

/// <summary>
/// Where an agent trains: the vectorized model market (a preset of <see cref="EnvironmentPresets"/>),
/// the agent-based book (<see cref="BookEnvironment"/>) or a recorded tape
/// (<see cref="TapeMarketEnvironment"/>), with the shape of its observations and actions and a way
/// to make a fresh environment of N trajectories.
/// </summary>
public sealed class TrainingEnvironment
{
    private readonly Func<int, IVectorEnvironment> _create;

    private TrainingEnvironment(string name, AgentShape shape, Func<int, IVectorEnvironment> create)
    {
        Name = name;
        Shape = shape;
        _create = create;
    }

    /// <summary>The environment's name (cj, lob, tape, …).</summary>
    public string Name { get; }

    /// <summary>Observation and action sizes an agent for this environment needs.</summary>
    public AgentShape Shape { get; }

    /// <summary>
    /// A model-market preset; <paramref name="trainingPhi"/> replaces the running inventory penalty
    /// of the training reward (reward shaping; evaluation keeps the environment's own), and
    /// <paramref name="exploringStarts"/> Q above 0 starts each training episode at an inventory drawn
    /// uniformly from −Q…Q (<see cref="EnvironmentSettings.ExploringStartInventory"/>; evaluation starts at q0).
    /// </summary>
    public static TrainingEnvironment Model(string preset, double? trainingPhi = null, int exploringStarts = 0)
    {
        EnvironmentSettings presetSettings = EnvironmentPresets.Get(preset);
        EnvironmentSettings settings = (presetSettings with { Phi = trainingPhi ?? presetSettings.Phi, ExploringStartInventory = exploringStarts }).Validate();
        return new TrainingEnvironment(preset, AgentShape.Of(settings), n => new ModelMarketEnvironment(settings, n));
    }

    /// <summary>The agent-based book over <paramref name="market"/>, named lob; <paramref name="trainingPhi"/> as for <see cref="Model"/>.</summary>
    public static TrainingEnvironment Book(AgentMarketParameters market, double? trainingPhi = null)
    {
        AgentEnvironmentSettings book = BookEnvironment.For(market);
        AgentEnvironmentSettings settings = trainingPhi is { } phi ? (book with { Phi = phi }).Validate() : book;
        return new TrainingEnvironment("lob", AgentShape.Of(settings), n => new AgentMarketEnvironment(settings, n));
    }

    /// <summary>
    /// Windows of a recorded day between <paramref name="from"/> and <paramref name="until"/> (UTC ns), named
    /// tape, with the defaults of <see cref="TapeEnvironmentSettings.For"/>; <paramref name="trainingPhi"/> as for <see cref="Model"/>.
    /// </summary>
    public static TrainingEnvironment Tape(ReplayEvents events, ReplaySession session, long from, long until, double? trainingPhi = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        TapeEnvironmentSettings tape = TapeEnvironmentSettings.For(session.DataInstrument.TickSize);
        TapeEnvironmentSettings settings = trainingPhi is { } phi ? (tape with { Phi = phi }).Validate() : tape;

        // Built once here so a window too short fails before any agent is created.
        _ = new TapeMarketEnvironment(events, session, from, until, settings, 1);
        return new TrainingEnvironment("tape", settings.Shape, n => new TapeMarketEnvironment(events, session, from, until, settings, n));
    }

    /// <summary>
    /// A recorded day's morning on the New York clock: windows between <paramref name="open"/> and
    /// <paramref name="until"/>, replayed with <paramref name="setup"/>'s queues and latency. The
    /// session is opened on the events before <paramref name="until"/> only.
    /// </summary>
    public static TrainingEnvironment Tape(ReplayEvents events, ReplaySetup setup, TimeOnly open, TimeOnly until, double? trainingPhi = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(setup);
        if (!(open < until))
        {
            throw new InvalidParameterException("until", $"must be after the open ({open:HH\\:mm}), got {until:HH\\:mm}");
        }

        DateOnly day = NewYorkClock.DayOf(events.First);
        long from = NewYorkClock.ToUtcNanos(day, open), end = NewYorkClock.ToUtcNanos(day, until);
        ReplaySession session = ReplaySession.Open(setup with { CalibrationWindow = TimeSpan.Zero }, () => events.Source(end));
        return Tape(events, session, from, end, trainingPhi);
    }

    /// <summary>
    /// The running inventory penalty φ of environment <paramref name="name"/>'s own reward (cj, lob or tape; the
    /// same for every book preset and tape): what training without a training φ uses, so what a policy file
    /// recording none trained with.
    /// </summary>
    /// <exception cref="InvalidParameterException">No environment has that name.</exception>
    public static double OwnPhi(string name) => name switch
    {
        "lob" => BookEnvironment.InventoryPenalty,
        "tape" => TapeEnvironmentSettings.For(tickSize: 1).Phi,
        _ => EnvironmentPresets.Get(name).Phi,
    };

    /// <summary>A fresh environment stepping <paramref name="trajectories"/> trajectories together.</summary>
    public IVectorEnvironment Create(int trajectories) => _create(trajectories);
}
