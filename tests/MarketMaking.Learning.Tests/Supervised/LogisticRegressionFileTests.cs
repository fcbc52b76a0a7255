using System.Text.Json.Nodes;
using MarketMaking.Core.Errors;
using MarketMaking.Learning.Supervised;

namespace MarketMaking.Learning.Tests.Supervised;

public sealed class LogisticRegressionFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-logreg-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void SaveAndLoadRoundTripBitForBit()
    {
        var data = LogisticRegressionTests.Simulate(2_000, seed: 5, out _);
        var model = LogisticRegression.Fit(data, new LogisticRegressionOptions { L2 = 3 });
        string path = Path.Combine(_folder, "model.json");

        model.Save(path);
        var loaded = LogisticRegression.Load(path, ["ofi", "spread", "vpin"]);

        Assert.Equal(model.FeatureNames, loaded.FeatureNames);
        Assert.Equal(Bits(model.Intercept), Bits(loaded.Intercept));
        Assert.Equal(model.Weights.Select(Bits), loaded.Weights.Select(Bits));
        Assert.Equal(model.Standardizer.Means.Select(Bits), loaded.Standardizer.Means.Select(Bits));
        Assert.Equal(model.Standardizer.Scales.Select(Bits), loaded.Standardizer.Scales.Select(Bits));
        Assert.Equal((model.L2, model.Iterations, model.Converged, model.TrainingRows), (loaded.L2, loaded.Iterations, loaded.Converged, loaded.TrainingRows));
        for (int row = 0; row < data.Count; row++)
        {
            Assert.Equal(Bits(model.PredictProbability(data.Features(row))), Bits(loaded.PredictProbability(data.Features(row))));
        }
    }

    [Fact]
    public void DoublesSurviveTheJsonTextExactly()
    {
        // Values whose shortest form needs 17 digits, a subnormal and extremes.
        double[] awkward = [0.1 + 0.2, 1.0 / 3, Math.PI * 1e300, double.Epsilon, -double.MaxValue, 5e-324 * 3];
        var model = new LogisticRegression(
            [.. awkward.Select((_, i) => $"f{i}")], new Standardizer(awkward, awkward.Select(a => Math.Abs(a))), 1.0 / 7, awkward, 0, 1, true, 1);
        string path = Path.Combine(_folder, "awkward.json");

        model.Save(path);
        var loaded = LogisticRegression.Load(path);

        Assert.Equal(awkward.Select(Bits), loaded.Weights.Select(Bits));
        Assert.Equal(awkward.Select(Bits), loaded.Standardizer.Means.Select(Bits));
        Assert.Equal(Bits(1.0 / 7), Bits(loaded.Intercept));
    }

    [Fact]
    public void MalformedJsonNamesTheFileAndLine()
    {
        string path = Path.Combine(_folder, "broken.json");
        File.WriteAllText(path, "{\n  \"format\": \"logistic_regression\",\n  \"version\": 1,,\n}");

        var error = Assert.Throws<DataFormatException>(() => LogisticRegression.Load(path));

        Assert.StartsWith($"{path}:3: json: not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void FeatureCountMismatchIsNamed()
    {
        string path = SaveSmallModel();
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["weights"]!.AsArray().RemoveAt(0);
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<DataFormatException>(() => LogisticRegression.Load(path));

        Assert.Equal($"{path}:1: weights: has 2 values but the model has 3 features", error.Message); // ToJsonString writes one line
    }

    [Fact]
    public void OtherFeaturesThanExpectedAreRefused()
    {
        string path = SaveSmallModel();

        var error = Assert.Throws<DataFormatException>(() => LogisticRegression.Load(path, ["ofi", "spread"]));

        int line = Array.FindIndex(File.ReadAllLines(path), l => l.Contains("\"features\"", StringComparison.Ordinal)) + 1;
        Assert.True(line > 1);
        Assert.Equal($"{path}:{line}: features: the model takes 3 features (ofi, spread, vpin) but 2 were expected (ofi, spread)", error.Message);
    }

    [Theory]
    [InlineData("intercept", "\"x\"", "intercept: expected a finite number, got \"x\"")]
    [InlineData("format", "\"neural_net\"", "format: expected \"logistic_regression\", got \"neural_net\": not a logistic regression model")]
    [InlineData("version", "2", "version: version 2 is not supported (this build reads version 1)")]
    [InlineData("scales", "[1, 0, 1]", "scales: scale 1 must be a positive finite number, got 0")]
    [InlineData("means", "[1, null, 1]", "means: item 1 (null) is not a finite number")]
    [InlineData("features", "[\"a\", \"a\", \"b\"]", "features: feature name 'a' appears twice")]
    public void BadFieldsAreNamed(string field, string value, string expected)
    {
        string path = SaveSmallModel();
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json[field] = JsonNode.Parse(value);
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<DataFormatException>(() => LogisticRegression.Load(path));

        Assert.Equal($"{path}:1: {expected}", error.Message);
    }

    [Fact]
    public void MissingFieldsAndFilesAreNamed()
    {
        string path = SaveSmallModel();
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json.Remove("weights");
        File.WriteAllText(path, json.ToJsonString());

        Assert.Equal($"{path}:1: weights: missing", Assert.Throws<DataFormatException>(() => LogisticRegression.Load(path)).Message);

        File.WriteAllText(path, "[1, 2]");
        Assert.Equal($"{path}:1: json: expected a JSON object, got an array", Assert.Throws<DataFormatException>(() => LogisticRegression.Load(path)).Message);

        string missing = Path.Combine(_folder, "absent.json");
        Assert.StartsWith($"{missing}: file: no such file", Assert.Throws<DataFormatException>(() => LogisticRegression.Load(missing)).Message, StringComparison.Ordinal);
    }

    private string SaveSmallModel()
    {
        string path = Path.Combine(_folder, $"{Guid.NewGuid():N}.json");
        LogisticRegression.Fit(LogisticRegressionTests.Simulate(300, seed: 9, out _)).Save(path);
        return path;
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
