using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

public class TrainingTests
{
    [Fact]
    public void AdamLearnsXor()
    {
        var network = new Mlp([2, 8, 1], Activation.Tanh, Activation.Identity, seed: 1);
        var adam = new Adam(network, learningRate: 0.05f);
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 0];
        float[] gradient = new float[4];

        float loss = float.NaN;
        for (int step = 0; step < 500; step++)
        {
            network.ZeroGradients();
            loss = MeanSquaredError.Compute(network.Forward(inputs), targets, gradient);
            network.Backward(gradient);
            GradientClipping.ClipByGlobalNorm(network.Gradients, maxNorm: 10f);
            adam.ApplyGradients();
        }

        Assert.True(loss < 1e-3f, $"loss after 500 steps: {loss}");
    }

    [Fact]
    public void SgdWithMomentumFitsALine()
    {
        // y = 2x + 1 on x ∈ [−1, 1], through a ReLU hidden layer.
        var network = new Mlp([1, 16, 1], Activation.ReLU, Activation.Identity, seed: 2);
        var sgd = new Sgd(network, learningRate: 0.02f, momentum: 0.9f);
        float[] x = [.. Enumerable.Range(0, 32).Select(i => (i / 15.5f) - 1f)];
        float[] y = [.. x.Select(v => (2f * v) + 1f)];
        float[] gradient = new float[x.Length];

        float loss = float.NaN;
        for (int step = 0; step < 1000; step++)
        {
            network.ZeroGradients();
            loss = MeanSquaredError.Compute(network.Forward(x), y, gradient);
            network.Backward(gradient);
            sgd.ApplyGradients();
        }

        Assert.True(loss < 1e-3f, $"loss after 1000 steps: {loss}");
    }

    [Fact]
    public void TrainingIsReproducibleWithAFixedSeed()
    {
        static float[] Train()
        {
            var network = new Mlp([2, 8, 1], Activation.ReLU, Activation.Identity, seed: 9);
            var adam = new Adam(network, learningRate: 0.01f);
            float[] gradient = new float[2];
            for (int step = 0; step < 20; step++)
            {
                network.ZeroGradients();
                MeanSquaredError.Compute(network.Forward([0.5f, -1f, 1f, 2f]), [1f, 0f], gradient);
                network.Backward(gradient);
                adam.ApplyGradients();
            }

            return [.. network.Parameters.SelectMany(p => p)];
        }

        Assert.Equal(Train(), Train());
    }

    [Fact]
    public void ATrainingStepAllocatesNothingOnceWarm()
    {
        var network = new Mlp([8, 32, 32, 3], Activation.ReLU, Activation.Identity, seed: 4);
        var adam = new Adam(network);
        float[] input = FiniteDifferences.RandomValues(16 * 8, seed: 5);
        float[] targets = FiniteDifferences.RandomValues(16 * 3, seed: 6);
        float[] gradient = new float[16 * 3];
        float[] logitGradient = new float[3];

        void Step()
        {
            network.ZeroGradients();
            ReadOnlySpan<float> output = network.Forward(input);
            HuberLoss.Compute(output, targets, gradient);
            Categorical.LogProbability(output[..3], 1, logitGradient);
            Categorical.Entropy(output[..3], logitGradient);
            network.Backward(gradient);
            GradientClipping.ClipByGlobalNorm(network.Gradients, maxNorm: 0.5f);
            adam.ApplyGradients();
        }

        long allocated = SteadyState.AllocatedBytes(() =>
        {
            for (int i = 0; i < 10; i++)
            {
                Step();
            }
        });

        Assert.Equal(0, allocated);
    }
}
