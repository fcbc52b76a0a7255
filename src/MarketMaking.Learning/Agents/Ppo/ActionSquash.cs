namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>How continuous PPO maps its Gaussian sample u onto the depth range's [−1, 1].</summary>
public enum ActionSquash
{
    /// <summary>
    /// a = tanh(u), SAC's squashed Gaussian. Near a bound the noise in u is squashed by tanh's slope
    /// 1 − a², so the samples' depths barely differ there and their advantages barely tell them apart:
    /// a depth close to 0 is learned slowly.
    /// </summary>
    Tanh,

    /// <summary>
    /// a = u clipped to [−1, 1], the Gaussian policy of most PPO implementations: the depth moves one
    /// for one with u up to the bounds, and log π is u's Gaussian density (the ratio π/π_old of a
    /// recorded u is what PPO needs; the clipped action's mass at a bound does not enter it).
    /// </summary>
    Clip,
}

/// <summary>The action, log π and name (as files and the command line spell it) of each <see cref="ActionSquash"/>.</summary>
public static class ActionSquashes
{
    /// <summary>"tanh" or "clip".</summary>
    public static string Name(this ActionSquash squash) => squash == ActionSquash.Clip ? "clip" : "tanh";

    /// <summary>The squash named "tanh" or "clip"; false for any other text.</summary>
    public static bool TryParse(string? name, out ActionSquash squash)
    {
        squash = name == "clip" ? ActionSquash.Clip : ActionSquash.Tanh;
        return name is "tanh" or "clip";
    }

    /// <summary>The action in [−1, 1] of a sample or mean u.</summary>
    public static double Apply(this ActionSquash squash, double u) => squash == ActionSquash.Clip ? Math.Clamp(u, -1, 1) : Math.Tanh(u);

    /// <summary>log π of an action recorded by its u (see <see cref="Neural.SquashedGaussian"/>).</summary>
    public static double LogProbability(this ActionSquash squash, ReadOnlySpan<float> mean, ReadOnlySpan<float> logStd, ReadOnlySpan<float> preSquash) =>
        squash == ActionSquash.Clip
            ? Neural.SquashedGaussian.GaussianLogProbability(mean, logStd, preSquash)
            : Neural.SquashedGaussian.LogProbability(mean, logStd, preSquash);
}
