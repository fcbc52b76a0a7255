using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Agents.Dqn;

/// <summary>
/// DQN hyperparameters. Steps are environment transitions (a vector step of N trajectories is N).
/// Defaults suit the Cartea–Jaimungal preset: γ = 1 over its 100-step horizon (time left is in
/// the observation), 3-step returns, double-DQN targets with advantage learning (α = 0.9), Polyak
/// target averaging, Huber loss, Adam with a step size decaying over 2M transitions, global-norm
/// clipping, scaled and squared observation features, advantages smooth in the depth (degree 5),
/// and a long Polyak–Ruppert average of the weights to act with. Tuned for 2M transitions on 64
/// trajectories with <see cref="FactoredAskCount"/> = 12: 52–78% of the gap between the best
/// constant depth and the optimum depending on the seed, ~30 s; a few such runs act best together
/// (<see cref="DqnEnsemble"/>).
/// </summary>
public sealed record DqnSettings
{
    /// <summary>Gain on each observation before the network sees it (see <see cref="ObservationFeatures"/>).</summary>
    public float ObservationScale { get; init; } = 5f;

    /// <summary>The network also sees the square of each scaled observation.</summary>
    public bool SquaredFeatures { get; init; } = true;

    /// <summary>What the network sees of an observation.</summary>
    public ObservationFeatures Features => new(ObservationScale, SquaredFeatures);

    /// <summary>Widths of the ReLU hidden layers; the output layer is linear.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [64, 64];

    /// <summary>Adam's step size at the start; it moves linearly to <see cref="LearningRateEnd"/> over <see cref="LearningRateDecaySteps"/>.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam's step size once <see cref="LearningRateDecaySteps"/> transitions are done (a small final step averages the reward noise out).</summary>
    public double LearningRateEnd { get; init; } = 2e-5;

    /// <summary>Transitions over which the step size decays; 0 keeps <see cref="LearningRate"/> throughout.</summary>
    public long LearningRateDecaySteps { get; init; } = 2_000_000;

    /// <summary>
    /// Rewards summed per stored transition (n-step returns): the target is
    /// r₁ + γr₂ + … + γⁿ⁻¹rₙ + γⁿ·Q_target(sₙ, a*), or the rewards to the episode's end when it ends
    /// sooner. 1 is classic DQN; larger n carries the terminal value back n steps per target update.
    /// </summary>
    public int NStep { get; init; } = 3;

    public double Gamma { get; init; } = 1;

    public int BatchSize { get; init; } = 256;

    public int ReplayCapacity { get; init; } = 200_000;

    /// <summary>Transitions collected before the first update.</summary>
    public int LearningStarts { get; init; } = 10_000;

    /// <summary>One gradient update per this many transitions.</summary>
    public int UpdateEvery { get; init; } = 32;

    /// <summary>Hard copy online → target every this many updates; 0 uses Polyak averaging with <see cref="Tau"/> after each update.</summary>
    public int TargetUpdateInterval { get; init; }

    public double Tau { get; init; } = 0.01;

    /// <summary>
    /// When &gt; 0 the agent acts with its own exponential average of the online weights, moved by
    /// this much after every update (Polyak–Ruppert averaging of the iterates: the window, about
    /// 1/τ updates, is far longer than the target network's, so it averages the noise of many
    /// minibatches out of the greedy policy). 0: act with the target network.
    /// </summary>
    /// <remarks>With one output per depth and 10-step returns, 0.001 (a window of ~1,000 updates, 32,000 transitions) closed 39%, 55%, 54% of the benchmark gap on seeds 1–3 where acting with the target network closed 30%, 50%, 53%.</remarks>
    public double PolicyAverageTau { get; init; } = 0.001;

    public double HuberDelta { get; init; } = 1;

    public double MaxGradientNorm { get; init; } = 10;

    public double EpsilonStart { get; init; } = 1;

    public double EpsilonEnd { get; init; } = 0.02;

    public long EpsilonDecaySteps { get; init; } = 500_000;

    /// <summary>Double DQN (van Hasselt et al. 2016): the online network picks the next action, the target network values it.</summary>
    public bool DoubleDqn { get; init; } = true;

    /// <summary>
    /// When &gt; 0, actions are a bid × ask grid with this many ask depths and the network outputs
    /// bids + asks values with Q(s, bid, ask) = out[bid] + out[bids + ask] (action branching); 0:
    /// one output per action.
    /// </summary>
    public int FactoredAskCount { get; init; }

    /// <summary>
    /// Dueling head: the network outputs V(s) and advantages centred on their mean, so every
    /// update moves the value of all actions at once and the greedy choice reads only the advantages.
    /// </summary>
    /// <remarks>Alone (one advantage per depth) it closed 31%, 31%, 46% on seeds 1–3; <see cref="SmoothDegree"/> implies it.</remarks>
    public bool Dueling { get; init; }

    /// <summary>
    /// When &gt; 0, each side's advantages are a polynomial of this degree in the depth's rank (a
    /// value output plus this many coefficients per side, see <see cref="QHead"/>); 0: one output per choice.
    /// </summary>
    /// <remarks>Degree 5 with advantage learning and 3-step returns closed 52–78% of the benchmark gap on seeds 1–6; one output per depth, 15–55%.</remarks>
    public int SmoothDegree { get; init; } = 5;

    /// <summary>
    /// α of advantage learning (Baird 1999; Bellemare et al. 2016, "Increasing the action gap"):
    /// each target is lowered by α·(max Q(s, ·) − Q(s, a)), which keeps the greedy policy and
    /// widens the gaps between actions by 1/(1 − α); 0 is plain Q-learning.
    /// </summary>
    public double AdvantageLearning { get; init; } = 0.9;

    public DqnSettings Validate()
    {
        ArgumentNullException.ThrowIfNull(Hidden);
        if (Hidden.Count == 0 || Hidden.Any(h => h < 1))
        {
            throw new InvalidParameterException("hidden", "needs at least one hidden layer, each at least 1 wide");
        }

        InvalidParameterException.RequirePositive("observation_scale", ObservationScale);
        InvalidParameterException.RequirePositive("learning_rate", LearningRate);
        InvalidParameterException.RequirePositive("learning_rate_end", LearningRateEnd);
        if (LearningRateDecaySteps < 0)
        {
            throw new InvalidParameterException("learning_rate_decay_steps", $"must be zero or positive, got {LearningRateDecaySteps}");
        }

        RequireAtLeast("n_step", NStep, 1);
        InvalidParameterException.RequireProbability("gamma", Gamma);
        RequireAtLeast("batch_size", BatchSize, 1);
        RequireAtLeast("replay_capacity", ReplayCapacity, BatchSize);
        RequireAtLeast("learning_starts", LearningStarts, BatchSize);
        RequireAtLeast("update_every", UpdateEvery, 1);
        RequireAtLeast("target_update_interval", TargetUpdateInterval, 0);
        if (TargetUpdateInterval == 0)
        {
            InvalidParameterException.RequireProbability("tau", Tau);
        }

        InvalidParameterException.RequireProbability("policy_average_tau", PolicyAverageTau);
        InvalidParameterException.RequirePositive("huber_delta", HuberDelta);
        InvalidParameterException.RequirePositive("max_gradient_norm", MaxGradientNorm);
        InvalidParameterException.RequireProbability("epsilon_start", EpsilonStart);
        InvalidParameterException.RequireProbability("epsilon_end", EpsilonEnd);
        if (EpsilonDecaySteps < 0)
        {
            throw new InvalidParameterException("epsilon_decay_steps", $"must be zero or positive, got {EpsilonDecaySteps}");
        }

        RequireAtLeast("factored_ask_count", FactoredAskCount, 0);
        RequireAtLeast("smooth_degree", SmoothDegree, 0);
        if (!(AdvantageLearning >= 0 && AdvantageLearning < 1))
        {
            throw new InvalidParameterException("advantage_learning", $"must be in [0, 1), got {AdvantageLearning}");
        }
        return this;
    }

    private static void RequireAtLeast(string name, int value, int minimum)
    {
        if (value < minimum)
        {
            throw new InvalidParameterException(name, $"must be at least {minimum}, got {value}");
        }
    }
}
