using MarketMaking.Learning.Environments;

namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// Several continuous PPO agents trained on their own seeds, acting as one: each side quotes the
/// depth at the squashed mean of the members' μ (the average of their median actions before the squash),
/// so the members' independent errors average out as the grid ensemble's do.
/// </summary>
public sealed class ContinuousPpoEnsemble : IContinuousPolicy
{
    public ContinuousPpoEnsemble(IReadOnlyList<ContinuousPpoAgent> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("an ensemble needs at least one member", nameof(members));
        }

        ContinuousPpoAgent first = members[0];
        if (members.Any(m => m.ObservationSize != first.ObservationSize || m.Depths != first.Depths || m.Squash != first.Squash))
        {
            throw new ArgumentException("members must share the observation size, the depth range and the squash", nameof(members));
        }

        Members = members;
    }

    public IReadOnlyList<ContinuousPpoAgent> Members { get; }

    public int ObservationSize => Members[0].ObservationSize;

    public DepthRange Depths => Members[0].Depths;

    public ActionSquash Squash => Members[0].Squash;

    /// <summary>Environment steps over all members.</summary>
    public long EnvironmentSteps => Members.Sum(m => m.EnvironmentSteps);

    public (double BidDepth, double AskDepth) Act(ReadOnlySpan<float> observation)
    {
        Span<float> mean = stackalloc float[ContinuousPpoAgent.ActionSize];
        double bid = 0, ask = 0;
        foreach (ContinuousPpoAgent member in Members)
        {
            member.Means(observation, mean);
            (bid, ask) = (bid + mean[0], ask + mean[1]);
        }

        return (Depths.Depth(Squash.Apply(bid / Members.Count)), Depths.Depth(Squash.Apply(ask / Members.Count)));
    }

    /// <summary>
    /// Trains every member for <paramref name="steps"/> more environment steps, one after another,
    /// member i on training seed <paramref name="seed"/> + i; progress reports all members' steps.
    /// </summary>
    public void Train(IContinuousEnvironment env, long steps, ulong seed, IProgress<PpoProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        for (int i = 0; i < Members.Count; i++)
        {
            long others = EnvironmentSteps - Members[i].EnvironmentSteps;
            IProgress<PpoProgress>? shifted = progress is null ? null : new PpoEnsemble.Shifted(progress, others);
            Members[i].Train(env, steps, seed + (ulong)i, shifted, cancellationToken);
        }
    }

    public void Save(string path) => ContinuousPpoEnsembleFile.Save(this, path);

    public static ContinuousPpoEnsemble Load(string path) => ContinuousPpoEnsembleFile.Load(path);
}
