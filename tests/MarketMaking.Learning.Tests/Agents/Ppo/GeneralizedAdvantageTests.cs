using MarketMaking.Learning.Agents.Ppo;

namespace MarketMaking.Learning.Tests.Agents.Ppo;

public class GeneralizedAdvantageTests
{
    [Fact]
    public void ThreeStepsWithATerminalByHand()
    {
        // γ = 0.9, λ = 0.8; step 1 ends its episode, so step 2 starts a new one and bootstraps from 2.
        // t = 2: δ = 3 + 0.9·2 − 1.5 = 3.3, Â = 3.3.
        // t = 1: terminal, δ = 2 − 1 = 1, Â = 1 (nothing of step 2 flows back).
        // t = 0: δ = 1 + 0.9·1 − 0.5 = 1.4, Â = 1.4 + 0.9·0.8·1 = 2.12.
        float[] advantages = new float[3], returns = new float[3];

        GeneralizedAdvantage.Compute(
            steps: 3, count: 1, [1f, 2f, 3f], [0.5f, 1f, 1.5f], [false, true, false], [false, false, false], [2f], 0.9f, 0.8f, advantages, returns);

        Assert.Equal(2.12f, advantages[0], 1e-5f);
        Assert.Equal(1f, advantages[1], 1e-6f);
        Assert.Equal(3.3f, advantages[2], 1e-5f);
        Assert.Equal(2.62f, returns[0], 1e-5f);
        Assert.Equal(2f, returns[1], 1e-6f);
        Assert.Equal(4.8f, returns[2], 1e-5f);
    }

    [Fact]
    public void TrajectoriesAreInterleavedTimeMajorAndIndependent()
    {
        // The same trajectory as above in slot 1, beside a constant one in slot 0: index t·2 + i.
        float[] advantages = new float[6], returns = new float[6];

        GeneralizedAdvantage.Compute(
            steps: 3, count: 2,
            [0f, 1f, 0f, 2f, 0f, 3f],
            [0f, 0.5f, 0f, 1f, 0f, 1.5f],
            [false, false, false, true, false, false],
            [false, false, false, false, false, false],
            [0f, 2f], 0.9f, 0.8f, advantages, returns);

        Assert.Equal([0f, 0f, 0f], [advantages[0], advantages[2], advantages[4]]);
        Assert.Equal(2.12f, advantages[1], 1e-5f);
        Assert.Equal(1f, advantages[3], 1e-6f);
        Assert.Equal(3.3f, advantages[5], 1e-5f);
    }

    [Fact]
    public void UndiscountedWithLambdaOneIsTheRewardToGoMinusTheValue()
    {
        // γ = λ = 1 and a terminal at the end: Âₜ = Σ_{k≥t} r_k − V(sₜ), whatever the values.
        float[] rewards = [0.5f, -1f, 2f, 0.25f];
        float[] values = [3f, -2f, 0.7f, 1f];
        float[] advantages = new float[4], returns = new float[4];

        GeneralizedAdvantage.Compute(4, 1, rewards, values, [false, false, false, true], new bool[4], [99f], 1f, 1f, advantages, returns);

        Assert.Equal(1.75f, returns[0], 1e-6f);
        Assert.Equal(1.25f, returns[1], 1e-6f);
        Assert.Equal(2.25f, returns[2], 1e-6f);
        Assert.Equal(0.25f, returns[3], 1e-6f);
        Assert.Equal(1.75f - 3f, advantages[0], 1e-6f);
    }

    [Fact]
    public void TruncationCutsTheChainButBootstraps()
    {
        // Truncated at t = 0: δ = 1 + 0.5·V(s₀) − V(s₀) = 1 − 0.5·2 = 0, and step 1's advantage does not flow back.
        float[] advantages = new float[2], returns = new float[2];

        GeneralizedAdvantage.Compute(2, 1, [1f, 5f], [2f, 0f], [false, false], [true, false], [0f], 0.5f, 1f, advantages, returns);

        Assert.Equal(0f, advantages[0], 1e-6f);
        Assert.Equal(5f, advantages[1], 1e-6f);
    }
}
