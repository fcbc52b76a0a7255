using BenchmarkDotNet.Attributes;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Benchmarks;

/// <summary>
/// A minibatch of 256 rows forward and back through one dense layer, the unit of every RL update:
/// the benchmark's narrow first layer (4 features), a hidden layer and a factored Q head.
/// </summary>
[MemoryDiagnoser]
public class DenseLayerBenchmarks
{
    private const int Batch = 256;
    private DenseLayer _layer = null!;
    private float[] _input = null!;
    private float[] _outputGradient = null!;

    [Params("4x64", "64x64", "64x24")]
    public string Shape { get; set; } = "64x64";

    [GlobalSetup]
    public void Setup()
    {
        int[] sizes = [.. Shape.Split('x').Select(int.Parse)];
        var random = new Random(1);
        _layer = new DenseLayer(sizes[0], sizes[1], Activation.ReLU, random);
        _input = [.. Enumerable.Range(0, Batch * sizes[0]).Select(_ => (float)random.NextDouble())];
        _outputGradient = [.. Enumerable.Range(0, Batch * sizes[1]).Select(_ => (float)(random.NextDouble() - 0.5))];
    }

    [Benchmark]
    public float ForwardAndBackward()
    {
        _layer.Forward(_input);
        return _layer.Backward(_outputGradient)[0];
    }
}
