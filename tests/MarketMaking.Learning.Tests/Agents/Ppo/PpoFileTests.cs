using System.Text;
using MarketMaking.Core.Errors;
using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Agents.Ppo;

public sealed class PpoFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ppo-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void SaveAndLoadRoundTripExactly()
    {
        var settings = new PpoSettings
        {
            HiddenSizes = [16, 8], Activation = Activation.ReLU, RolloutSteps = 20, Epochs = 2, MinibatchSize = 64, ObservationScale = 5f,
            LearningRate = 7.3e-4f, EntropyCoefficient = 0.0031f, GaeLambda = 0.7f, ValueClipRange = 0.25f, RewardScale = 3.3f, AnnealLearningRate = false,
        };
        var agent = PpoAgent.For(EnvironmentPresets.CarteaJaimungal, settings, seed: 6);
        agent.Train(new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 8), 320, 3);

        agent.Save(_path);
        PpoAgent loaded = PpoAgent.Load(_path);

        Assert.Equal(PpoAgentTests.Flatten(agent), PpoAgentTests.Flatten(loaded));
        Assert.Equal(settings.HiddenSizes, loaded.Settings.HiddenSizes);
        Assert.Equal(settings with { HiddenSizes = loaded.Settings.HiddenSizes }, loaded.Settings);
        Assert.Equal(agent.EnvironmentSteps, loaded.EnvironmentSteps);
        Assert.Equal(agent.Updates, loaded.Updates);
        Assert.Equal(agent.OptimizerSteps, loaded.OptimizerSteps);
        for (int q = -10; q <= 10; q++)
        {
            float[] observation = [q / 10f, 0.37f];
            Assert.Equal(agent.Act(observation), loaded.Act(observation));
        }
    }

    [Fact]
    public void SquaredFeaturesAndAValueTrunkRoundTrip()
    {
        var settings = new PpoSettings { HiddenSizes = [8, 4], SquaredFeatures = true, SeparateValueTrunk = true };
        var agent = PpoAgent.For(EnvironmentPresets.CarteaJaimungal, settings, seed: 2);

        agent.Save(_path);
        PpoAgent loaded = PpoAgent.Load(_path);

        Assert.Contains("\"value_trunk\"", File.ReadAllText(_path), StringComparison.Ordinal);
        Assert.Equal(PpoAgentTests.Flatten(agent), PpoAgentTests.Flatten(loaded));
        Assert.True(loaded.Settings.SquaredFeatures);
        Assert.True(loaded.Settings.SeparateValueTrunk);
        Assert.Equal(4, loaded.Network.FeatureSize);
        Span<float> bid = stackalloc float[12], ask = stackalloc float[12];
        float[] observation = [0.3f, 0.5f];
        Assert.Equal(agent.Network.Infer(observation, bid, ask), loaded.Network.Infer(observation, bid, ask));
    }

    [Fact]
    public void ATimeGainRoundTripsAndActsTheSame()
    {
        var settings = new PpoSettings { HiddenSizes = [8, 4], TimeScale = 1f };
        var agent = ContinuousPpoAgent.For(EnvironmentPresets.CarteaJaimungal, settings, seed: 4);

        agent.Save(_path);
        ContinuousPpoAgent loaded = ContinuousPpoAgent.Load(_path);

        Assert.Contains("\"time_scale\": 1", File.ReadAllText(_path), StringComparison.Ordinal);
        Assert.Equal(1f, loaded.Settings.TimeScale);
        Assert.Equal(settings with { HiddenSizes = loaded.Settings.HiddenSizes }, loaded.Settings);
        float[] features = new float[4];
        loaded.Network.Features([0.3f, 0.6f], features);
        AssertClose([1.5f, 0.6f, 2.25f, 0.36f], features);   // inventory gain 5, time gain 1
        foreach (float q in new[] { -0.3f, 0f, 0.2f })
        {
            Assert.Equal(agent.Act([q, 0.1f]), loaded.Act([q, 0.1f]));
        }
    }

    [Fact]
    public void TimeProductsRoundTripAndWidenTheTrunksInputs()
    {
        var settings = new PpoSettings { HiddenSizes = [8, 4], TimeProducts = true };
        var agent = ContinuousPpoAgent.For(EnvironmentPresets.CarteaJaimungal, settings, seed: 4);

        agent.Save(_path);
        ContinuousPpoAgent loaded = ContinuousPpoAgent.Load(_path);

        Assert.Contains("\"time_products\": true", File.ReadAllText(_path), StringComparison.Ordinal);
        Assert.True(loaded.Settings.TimeProducts);
        Assert.Equal(6, loaded.Network.FeatureSize);   // q, τ, q², τ², q·τ, q²·τ
        Assert.Equal(2, loaded.Network.ObservationSize);
        Assert.Equal(agent.Network.Parameters.SelectMany(p => p), loaded.Network.Parameters.SelectMany(p => p));
        float[] features = new float[6];
        loaded.Network.Features([0.3f, 0.6f], features);
        AssertClose([1.5f, 3f, 2.25f, 9f, 0.9f, 1.35f], features);
        foreach (float q in new[] { -0.3f, 0f, 0.2f })
        {
            Assert.Equal(agent.Act([q, 0.1f]), loaded.Act([q, 0.1f]));
        }

        // Without the flag the same weights do not fit: the trunk takes 6 inputs, 2 observations give 4.
        File.WriteAllText(_path, File.ReadAllText(_path).Replace("\"time_products\": true,", "", StringComparison.Ordinal));
        Assert.Equal("trunk[0]", Assert.Throws<DataFormatException>(() => ContinuousPpoAgent.Load(_path)).Field);
    }

    [Fact]
    public void AFileWithoutATimeGainLoadsToTheInventorysGainOnTheTime()
    {
        // Files written before the setting have no key: their time left took the inventory's gain (5).
        var agent = ContinuousPpoAgent.For(EnvironmentPresets.CarteaJaimungal, new PpoSettings { HiddenSizes = [8] }, seed: 5);
        agent.Save(_path);
        Assert.DoesNotContain("time_scale", File.ReadAllText(_path), StringComparison.Ordinal);

        ContinuousPpoAgent loaded = ContinuousPpoAgent.Load(_path);

        Assert.Null(loaded.Settings.TimeScale);
        Assert.Equal(5f, loaded.Network.TimeScale);
        float[] features = new float[4];
        loaded.Network.Features([0.3f, 0.6f], features);
        AssertClose([1.5f, 3f, 2.25f, 9f], features);
    }

    [Fact]
    public void ANonPositiveTimeGainInAFileIsNamed()
    {
        var agent = ContinuousPpoAgent.For(EnvironmentPresets.CarteaJaimungal, new PpoSettings { HiddenSizes = [8], TimeScale = 2f }, seed: 5);
        agent.Save(_path);
        File.WriteAllText(_path, File.ReadAllText(_path).Replace("\"time_scale\": 2", "\"time_scale\": 0", StringComparison.Ordinal));
        Assert.Equal("settings.time_scale", Assert.Throws<DataFormatException>(() => ContinuousPpoAgent.Load(_path)).Field);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }

    [Fact]
    public void AVersionOneFileLoadsAsThePlainSharedTrunk()
    {
        // Version 1 had neither setting nor a value trunk; the same weights act the same.
        var agent = PpoAgent.For(EnvironmentPresets.CarteaJaimungal, new PpoSettings { HiddenSizes = [8], SquaredFeatures = false, SeparateValueTrunk = false }, seed: 3);
        string json = Encoding.UTF8.GetString(PpoFile.Serialize(agent))
            .Replace("\"version\": 2", "\"version\": 1", StringComparison.Ordinal)
            .Replace("\"squared_features\": false,", "", StringComparison.Ordinal)
            .Replace("\"separate_value_trunk\": false,", "", StringComparison.Ordinal);
        Assert.DoesNotContain("squared_features", json, StringComparison.Ordinal);
        File.WriteAllText(_path, json);

        PpoAgent loaded = PpoAgent.Load(_path);

        Assert.False(loaded.Settings.SquaredFeatures);
        Assert.Null(loaded.Network.ValueTrunk);
        Assert.Equal(PpoAgentTests.Flatten(agent), PpoAgentTests.Flatten(loaded));
    }

    [Fact]
    public void AFutureVersionIsRefused()
    {
        var agent = PpoAgent.For(EnvironmentPresets.CarteaJaimungal, new PpoSettings { HiddenSizes = [4] }, seed: 1);
        File.WriteAllText(_path, Encoding.UTF8.GetString(PpoFile.Serialize(agent)).Replace("\"version\": 2", "\"version\": 3", StringComparison.Ordinal));

        var error = Assert.Throws<DataFormatException>(() => PpoAgent.Load(_path));

        Assert.Equal("version", error.Field);
        Assert.Contains("reads versions 1 to 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadedAgentResumesTraining()
    {
        var agent = PpoAgent.For(EnvironmentPresets.CarteaJaimungal, new PpoSettings { HiddenSizes = [8], RolloutSteps = 10, Epochs = 4, MinibatchSize = 40 }, 1);
        agent.Train(new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 4), 40, 1);
        agent.Save(_path);
        PpoAgent loaded = PpoAgent.Load(_path);

        loaded.Train(new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 4), 40, 2);

        Assert.Equal(80, loaded.EnvironmentSteps);
        Assert.Equal(2, loaded.Updates);
        Assert.Equal(8, loaded.OptimizerSteps);
        Assert.NotEqual(PpoAgentTests.Flatten(agent), PpoAgentTests.Flatten(loaded));
    }

    [Theory]
    [InlineData("", "json", "empty")]
    [InlineData("{ \"format\": \"marketmaking.ppo\",\n  \"version\": 1,\n  oops }", "json", "not valid JSON")]
    [InlineData("[1, 2]", "json", "expected a JSON object")]
    [InlineData("{ \"format\": \"marketmaking.mlp\" }", "format", "not a PPO agent")]
    public void MalformedFilesNameTheFieldOnOneLine(string text, string field, string problem)
    {
        File.WriteAllText(_path, text);

        var error = Assert.Throws<DataFormatException>(() => PpoAgent.Load(_path));

        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(_path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ATruncatedSyntaxErrorGivesItsLine()
    {
        File.WriteAllText(_path, "{ \"format\": \"marketmaking.ppo\",\n  \"version\": 1,\n  oops }");

        var error = Assert.Throws<DataFormatException>(() => PpoAgent.Load(_path));

        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("\"learning_rate\"", "\"learning_rate_typo\"", "settings.learning_rate", "missing")]
    [InlineData("\"discount\": 1", "\"discount\": 2", "settings.discount", "between 0 and 1")]
    [InlineData("\"activation\": \"Tanh\"", "\"activation\": \"Sigmoid\"", "settings.activation", "unknown value")]
    [InlineData("\"bid_count\": 12", "\"bid_count\": 11", "bid_head", "expected 16→11")]
    public void BrokenFieldsAreNamed(string find, string replace, string field, string problem)
    {
        var agent = PpoAgent.For(EnvironmentPresets.CarteaJaimungal, new PpoSettings { HiddenSizes = [16] }, seed: 1);
        agent.Save(_path);
        string text = File.ReadAllText(_path);
        int at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"the saved file has no {find}");
        File.WriteAllText(_path, string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length)));

        var error = Assert.Throws<DataFormatException>(() => PpoAgent.Load(_path));

        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.True(error.Line > 1, $"line {error.Line}");
    }

    [Fact]
    public void NonFiniteWeightIsNamed()
    {
        // Without a value trunk the value head's bias is the file's last.
        var agent = PpoAgent.For(EnvironmentPresets.CarteaJaimungal, new PpoSettings { HiddenSizes = [4], SeparateValueTrunk = false }, seed: 1);
        string json = Encoding.UTF8.GetString(PpoFile.Serialize(agent));
        int bias = json.LastIndexOf("\"bias\": [", StringComparison.Ordinal) + "\"bias\": [".Length;
        int end = json.IndexOf(']', bias);
        File.WriteAllText(_path, string.Concat(json.AsSpan(0, bias), "1e99", json.AsSpan(end)));

        var error = Assert.Throws<DataFormatException>(() => PpoAgent.Load(_path));

        Assert.Equal("value_head.bias[0]", error.Field);
        Assert.Contains("1e99 is not a finite float", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightCountMismatchIsNamed()
    {
        var agent = PpoAgent.For(EnvironmentPresets.CarteaJaimungal, new PpoSettings { HiddenSizes = [4] }, seed: 1);
        string json = Encoding.UTF8.GetString(PpoFile.Serialize(agent));
        int weights = json.IndexOf("\"weights\": [", StringComparison.Ordinal) + "\"weights\": [".Length;
        File.WriteAllText(_path, json.Insert(weights, "0.5, "));

        var error = Assert.Throws<DataFormatException>(() => PpoAgent.Load(_path));

        Assert.Equal("trunk[0].weights", error.Field);
        Assert.Contains("expected 16 values, got 17", error.Message, StringComparison.Ordinal); // 4 features (2 observations and their squares) × 4
    }
}
