using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

public class MlpInferTests
{
    [Fact]
    public void InferGivesForwardsAnswerRowByRowWithoutAllocating()
    {
        var network = new Mlp([3, 16, 8, 2], Activation.Tanh, Activation.Softplus, seed: 11);
        float[] batch = [0.5f, -1.25f, 2f, -0.3f, 0.7f, 0.01f];
        float[] forward = network.Forward(batch).ToArray();
        float[] row = new float[2];
        for (int r = 0; r < 2; r++)
        {
            network.Infer(batch.AsSpan(r * 3, 3), row);
            // Equal to rounding: the batched pass sums each product in another order.
            Assert.Equal(forward[r * 2], row[0], 1e-5f);
            Assert.Equal(forward[(r * 2) + 1], row[1], 1e-5f);
        }

        long allocated = SteadyState.AllocatedBytes(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                network.Infer(batch.AsSpan(0, 3), row);
            }
        });

        Assert.Equal(0, allocated);
    }
}
