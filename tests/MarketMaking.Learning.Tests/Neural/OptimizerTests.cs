using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

public class OptimizerTests
{
    [Fact]
    public void AdamTwoStepsByHand()
    {
        // θ₀ = 1, η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
        // Step 1, g = 2: m = 0.2, v = 0.004; m̂ = 0.2/0.1 = 2, v̂ = 0.004/0.001 = 4;
        //   θ = 1 − 0.1·2/(2 + 1e-8) = 0.9 (to 5e-10).
        // Step 2, g = −1: m = 0.18 − 0.1 = 0.08, v = 0.003996 + 0.001 = 0.004996;
        //   m̂ = 0.08/0.19 = 0.4210526, v̂ = 0.004996/0.001999 = 2.4992496, √v̂ = 1.5809015;
        //   θ = 0.9 − 0.1·0.4210526/1.5809015 = 0.9 − 0.0266337 = 0.8733663.
        float[] theta = [1f];
        float[] gradient = [2f];
        var adam = new Adam([theta], [gradient], learningRate: 0.1f, beta1: 0.9f, beta2: 0.999f, epsilon: 1e-8f);

        adam.ApplyGradients();
        Assert.Equal(0.9f, theta[0], 1e-6f);

        gradient[0] = -1f;
        adam.ApplyGradients();
        Assert.Equal(0.8733663f, theta[0], 1e-6f);
        Assert.Equal(2, adam.StepCount);
    }

    [Fact]
    public void AdamLearningRateCanBeAnnealed()
    {
        float[] theta = [0f];
        var adam = new Adam([theta], [[1f]], learningRate: 0.1f) { LearningRate = 0f };

        adam.ApplyGradients();
        Assert.Equal(0f, theta[0]);

        adam.LearningRate = 0.01f; // the first step of Adam moves by η·sign(g), whatever |g|
        adam.ApplyGradients();
        Assert.Equal(-0.01f, theta[0], 1e-6f);
    }

    [Fact]
    public void SgdWithMomentumByHand()
    {
        // η = 0.1, μ = 0.5, g = 1 each step: v = 1 then 1.5; θ = 1 − 0.1 = 0.9, then 0.9 − 0.15 = 0.75.
        float[] theta = [1f];
        var sgd = new Sgd([theta], [[1f]], learningRate: 0.1f, momentum: 0.5f);

        sgd.ApplyGradients();
        Assert.Equal(0.9f, theta[0], 1e-6f);
        sgd.ApplyGradients();
        Assert.Equal(0.75f, theta[0], 1e-6f);
    }

    [Fact]
    public void RejectsMismatchedParameterAndGradientArrays()
    {
        Assert.Throws<ArgumentException>(() => new Adam([new float[2]], [new float[3]]));
        Assert.Throws<ArgumentException>(() => new Sgd([new float[2]], [], learningRate: 0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([new float[1]], [new float[1]], beta1: 1f));
    }

    [Fact]
    public void ClipsByGlobalNormByHand()
    {
        // ‖(3, 4, 12)‖ = √(9 + 16 + 144) = 13; limit 6.5 halves every gradient.
        float[] first = [3f, 4f];
        float[] second = [12f];

        float norm = GradientClipping.ClipByGlobalNorm([first, second], maxNorm: 6.5f);

        Assert.Equal(13f, norm);
        Assert.Equal([1.5f, 2f], first);
        Assert.Equal([6f], second);
        Assert.Equal(6.5f, GradientClipping.GlobalNorm([first, second]));
    }

    [Fact]
    public void LeavesGradientsWithinTheLimitAlone()
    {
        float[] gradient = [3f, 4f];

        Assert.Equal(5f, GradientClipping.ClipByGlobalNorm([gradient], maxNorm: 5f));
        Assert.Equal([3f, 4f], gradient);
    }

    [Fact]
    public void LeavesNonFiniteGradientsForTheCallerToSee()
    {
        float[] gradient = [float.NaN, 4f];

        Assert.True(float.IsNaN(GradientClipping.ClipByGlobalNorm([gradient], maxNorm: 1f)));
        Assert.Equal(4f, gradient[1]);
    }
}
