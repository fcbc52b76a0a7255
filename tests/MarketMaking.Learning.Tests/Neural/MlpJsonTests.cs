using System.Text;
using MarketMaking.Core.Errors;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

public sealed class MlpJsonTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlp-json-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void RoundTripsBitForBit()
    {
        var network = new Mlp([8, 64, 64, 1], Activation.ReLU, Activation.Softplus, seed: 5);
        network.Layers[0].Bias[3] = 1e-30f; // tiny, subnormal-adjacent and awkward decimals survive too
        network.Layers[1].Bias[0] = float.Epsilon;
        network.Layers[2].Bias[0] = 0.1f;
        string path = Path.Combine(_directory, "model.json");

        MlpJson.Save(network, path);
        Mlp loaded = MlpJson.Load(path);

        Assert.True(loaded.HasSameArchitecture(network));
        for (int i = 0; i < network.Parameters.Count; i++)
        {
            Assert.Equal(Bits(network.Parameters[i]), Bits(loaded.Parameters[i]));
        }

        float[] batch = FiniteDifferences.RandomValues(16 * 8, seed: 6, scale: 3);
        Assert.Equal(Bits(network.Forward(batch).ToArray()), Bits(loaded.Forward(batch).ToArray()));
    }

    [Fact]
    public void LoadsIntoANetworkOfTheSameArchitecture()
    {
        var network = new Mlp([3, 4, 2], Activation.Tanh, Activation.Identity, seed: 1);
        var target = new Mlp([3, 4, 2], Activation.Tanh, Activation.Identity, seed: 2);
        var other = new Mlp([3, 5, 2], Activation.Tanh, Activation.Identity, seed: 2);
        string path = Path.Combine(_directory, "model.json");
        MlpJson.Save(network, path);

        MlpJson.LoadInto(target, path);
        Assert.Equal(network.Parameters[0], target.Parameters[0]);

        var error = Assert.Throws<DataFormatException>(() => MlpJson.LoadInto(other, path));
        Assert.Equal($"{path}:1: layers: file holds a 3-4-2 (Tanh, Identity) network, expected 3-5-2 (Tanh, Identity)", error.Message);
    }

    [Theory]
    [InlineData("", "model.json:1: json: the file is empty")]
    [InlineData("{\"format\": \"marketmaking.mlp\",\n \"version\": 1,\n \"layers\": [", "model.json:3: json: not valid JSON:")]
    [InlineData("[]", "model.json:1: document: expected an object, found an array")]
    [InlineData("{\"format\": \"onnx\", \"version\": 1, \"layers\": []}", "model.json:1: layers: no layers")]
    [InlineData("{\"format\": \"onnx\",\n \"version\": 1, \"layers\": [{\"inputs\": 1, \"outputs\": 1, \"activation\": \"ReLU\", \"weights\": [1], \"bias\": [0]}]}", "model.json:1: format: expected \"marketmaking.mlp\", got \"onnx\"")]
    [InlineData("{\"format\": \"marketmaking.mlp\",\n \"version\": 1.5}", "model.json:2: version: expected a whole number")]
    [InlineData("{\"version\": 1, \"layers\": [{\"inputs\": 1, \"outputs\": 1, \"activation\": \"ReLU\", \"weights\": [1], \"bias\": [0]}]}", "model.json:1: format: missing; expected \"marketmaking.mlp\"")]
    [InlineData("{\"format\": \"marketmaking.mlp\", \"version\": 2, \"layers\": [{\"inputs\": 1, \"outputs\": 1, \"activation\": \"ReLU\", \"weights\": [1], \"bias\": [0]}]}", "model.json:1: version: version 2 is not supported; expected 1")]
    [InlineData("{\"format\": \"marketmaking.mlp\", \"version\": 1, \"layers\": [{\"inputs\": 1, \"outputs\": 1, \"activation\": \"Sigmoid\"}]}", "model.json:1: layers[0].activation: unknown activation \"Sigmoid\"; expected one of Identity, ReLU, Tanh, Softplus")]
    [InlineData("{\"format\": \"marketmaking.mlp\", \"version\": 1, \"layers\": [{\"inputs\": 0, \"outputs\": 1}]}", "model.json:1: layers[0].inputs: expected a whole number ≥ 1, got 0")]
    [InlineData("{\"format\": \"marketmaking.mlp\", \"version\": 1, \"layers\": [{\"inputs\": 1, \"outputs\": 1, \"activation\": \"ReLU\", \"weights\": [1]}]}", "model.json:1: layers[0].bias: missing")]
    [InlineData("{\"format\": \"marketmaking.mlp\", \"version\": 1, \"layers\": [{\"inputs\": 1, \"outputs\": 1, \"activation\": \"ReLU\", \"weights\": [1, \"x\"]}]}", "model.json:1: layers[0].weights[1]: expected a number, found a string")]
    [InlineData("{\"format\": \"marketmaking.mlp\", \"version\": 1, \"layers\": [{\"inputs\": 1, \"outputs\": 1, \"activation\": \"ReLU\", \"weights\": [1e39]}]}", "model.json:1: layers[0].weights[0]: 1e39 is not a finite float")]
    [InlineData("{\"format\": \"marketmaking.mlp\", \"version\": 1, \"layers\": [{\"inputs\": 1, \"outputs\": 1, \"colour\": 1}]}", "model.json:1: layers[0].colour: unknown field")]
    public void RejectsAMalformedFileNamingTheProblem(string json, string expected)
    {
        var error = Assert.Throws<DataFormatException>(() => MlpJson.Deserialize(Encoding.UTF8.GetBytes(json), "model.json"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void NamesTheLineOfAWrongSizedWeightArray()
    {
        string json = """
            {
              "format": "marketmaking.mlp",
              "version": 1,
              "layers": [
                { "inputs": 2, "outputs": 2, "activation": "ReLU", "weights": [1, 2, 3, 4], "bias": [0, 0] },
                { "inputs": 2, "outputs": 1, "activation": "Identity",
                  "weights": [1, 2, 3], "bias": [0] }
              ]
            }
            """;

        var error = Assert.Throws<DataFormatException>(() => MlpJson.Deserialize(Encoding.UTF8.GetBytes(json), "model.json"));

        Assert.Equal("model.json:7: layers[1].weights: expected 1×2 = 2 values, got 3", error.Message);
    }

    [Fact]
    public void RejectsLayersThatDoNotChain()
    {
        string json = """
            {"format": "marketmaking.mlp", "version": 1, "layers": [
              { "inputs": 2, "outputs": 2, "activation": "ReLU", "weights": [1, 2, 3, 4], "bias": [0, 0] },
              { "inputs": 3, "outputs": 1, "activation": "Identity", "weights": [1, 2, 3], "bias": [0] }]}
            """;

        var error = Assert.Throws<DataFormatException>(() => MlpJson.Deserialize(Encoding.UTF8.GetBytes(json), "model.json"));

        Assert.Equal("model.json:3: layers[1].inputs: 3 does not match the previous layer's 2 outputs", error.Message);
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];
}
