using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Training;

namespace MarketMaking.Research.Tests.Training;

/// <summary>
/// A single or ensemble policy file did not record the environment it trained on (only member files did), so
/// mm train --resume P --training-phi 5 trained on other dynamics than P's and said nothing.
/// </summary>
public sealed class TrainingRecordTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-record-").FullName;

    [Fact]
    public void APolicyFileRecordsItsEnvironmentAndAResumeTakesOrChecksIt()
    {
        string policy = Path.Combine(_folder, "q.json");
        var run = new Dictionary<string, string> { ["preset"] = "-", ["training_phi"] = "0.25", ["exploring_starts"] = "2" };
        AgentTraining.Prepare(new AgentTrainingSettings { Agent = "qlearning", Steps = 640, Environments = 64, Seed = 3, Run = run, OutputPath = policy }, TrainingEnvironment.Model("cj", 0.25, 2)).Run();

        // The preset "-" (not the book) is left out; the rest in the order written, the run's environment as --env's.
        IReadOnlyDictionary<string, string> record = TrainingRecord.Read(policy)!;
        Assert.Equal(
            [new("agent", "qlearning"), new("env", "cj"), new("training_phi", "0.25"), new("exploring_starts", "2"), new("envs", "64"), new("seed", "3")],
            record.ToArray());

        Assert.Equal("0.25", TrainingRecord.Resume(record, policy, "training_phi", null));
        Assert.Equal("3", TrainingRecord.Resume(record, policy, "seed", "3"));
        InvalidParameterException other = Assert.Throws<InvalidParameterException>(() => TrainingRecord.Resume(record, policy, "training_phi", "5"));
        Assert.Equal($"invalid training-phi: {policy} was trained with --training-phi 0.25, not --training-phi 5: a resume trains on the dynamics the policy learned (leave --training-phi out to keep them)", other.Message);
        Assert.Equal("exploring-starts", Assert.Throws<InvalidParameterException>(() => TrainingRecord.Resume(record, policy, "exploring_starts", "0")).Parameter);

        // What was taken is said where it is not the default; what was given is not repeated.
        var defaults = new Dictionary<string, string> { ["env"] = "cj", ["training_phi"] = "default", ["exploring_starts"] = "0", ["envs"] = "64", ["seed"] = "1" };
        Assert.Equal($"training on the settings recorded in {policy}: --training-phi 0.25, --seed 3", TrainingRecord.Taken(record, policy, ["exploring_starts"], defaults));
        Assert.Null(TrainingRecord.Taken(record, policy, ["training_phi", "exploring_starts", "seed"], defaults));

        // The file still loads as the agent it holds, and a resume re-records the same.
        Assert.Equal("qlearning", AgentCatalog.LoadAgent(policy).Kind);
        AgentTraining.Prepare(new AgentTrainingSettings { ResumeFrom = policy, Steps = 64, Environments = 64, Seed = 3, Run = run, OutputPath = policy }, TrainingEnvironment.Model("cj", 0.25, 2)).Run();
        Assert.Equal(record.ToArray(), TrainingRecord.Read(policy)!.ToArray());
    }

    [Fact]
    public void AFileWrittenBeforeRecordsResumesAsBefore()
    {
        string policy = Path.Combine(_folder, "old.json");
        AgentTraining.Prepare(new AgentTrainingSettings { Agent = "qlearning", Steps = 64, Environments = 64, OutputPath = policy }, TrainingEnvironment.Model("cj")).Run();
        using (JsonDocument written = JsonDocument.Parse(File.ReadAllText(policy)))
        {
            File.WriteAllText(policy, JsonSerializer.Serialize(written.RootElement.EnumerateObject().Where(p => p.Name != "trained_with").ToDictionary(p => p.Name, p => p.Value)));
        }

        Assert.Null(TrainingRecord.Read(policy));
        Assert.Equal("9", TrainingRecord.Resume(null, policy, "seed", "9"));
        Assert.Null(TrainingRecord.Resume(null, policy, "envs", null));
        Assert.Null(TrainingRecord.Taken(null, policy, [], new Dictionary<string, string>()));
    }

    [Fact]
    public void ARecordedValueThatIsNotANumberIsNamed()
    {
        Assert.Equal(0.25, TrainingRecord.Value<double>("p.json", "training_phi", "0.25"));
        Assert.Null(TrainingRecord.Value<double>("p.json", "training_phi", "default"));
        DataFormatException e = Assert.Throws<DataFormatException>(() => TrainingRecord.Value<int>("p.json", "envs", "many"));
        Assert.Equal("p.json: trained_with.envs: 'many' is not a number of this setting", e.Message);
    }

    /// <summary>
    /// Settings were compared as text: a file recording 0.01 refused --training-phi 0.010, and one recording no φ
    /// (trained with the environment's own) refused --training-phi of that same value.
    /// </summary>
    [Fact]
    public void NumbersCompareAsNumbersAndNoPhiIsTheEnvironmentsOwn()
    {
        var record = new Dictionary<string, string> { ["env"] = "cj", ["training_phi"] = "0.01", ["envs"] = "64", ["seed"] = "18446744073709551615" };
        Assert.Equal("0.01", TrainingRecord.Resume(record, "p.json", "training_phi", "0.010"));
        Assert.Equal("0.01", TrainingRecord.Resume(record, "p.json", "training_phi", "1E-2"));
        Assert.Equal("64", TrainingRecord.Resume(record, "p.json", "envs", "064"));

        // Whole numbers compare exactly: these two seeds are one double.
        InvalidParameterException seed = Assert.Throws<InvalidParameterException>(() => TrainingRecord.Resume(record, "p.json", "seed", "18446744073709551614"));
        Assert.Equal("invalid seed: p.json was trained with --seed 18446744073709551615, not --seed 18446744073709551614: a resume trains on the dynamics the policy learned (leave --seed out to keep them)", seed.Message);

        // No φ recorded ("default") is the environment's own: cj's 0.5 (its preset), the book's and the tape's 0.01.
        Assert.Equal((0.5, 0.01, 0.01), (TrainingEnvironment.OwnPhi("cj"), TrainingEnvironment.OwnPhi("lob"), TrainingEnvironment.OwnPhi("tape")));
        var unset = new Dictionary<string, string> { ["training_phi"] = "default" };
        Assert.Equal("default", TrainingRecord.Resume(unset, "p.json", "training_phi", "0.50", "0.5"));
        InvalidParameterException other = Assert.Throws<InvalidParameterException>(() => TrainingRecord.Resume(unset, "p.json", "training_phi", "0.25", "0.5"));
        Assert.Equal("invalid training-phi: p.json was trained with no --training-phi (the environment's own, 0.5), not --training-phi 0.25: a resume trains on the dynamics the policy learned (leave --training-phi out to keep them)", other.Message);

        // Neither a recorded "default" nor a recorded value equal to the default is said to be taken.
        var defaults = new Dictionary<string, string> { ["env"] = "cj", ["training_phi"] = "0.5", ["envs"] = "64", ["seed"] = "1" };
        Assert.Null(TrainingRecord.Taken(new Dictionary<string, string> { ["env"] = "cj", ["training_phi"] = "0.50", ["envs"] = "64" }, "p.json", [], defaults));
        Assert.Null(TrainingRecord.Taken(unset, "p.json", [], defaults));
    }

    /// <summary>A resume left on another environment than its file's failed on the shape of the policy ("144 actions but … 49"): the line now names the --env to give.</summary>
    [Fact]
    public void AnotherEnvironmentNamesTheOneToGive()
    {
        var record = new Dictionary<string, string> { ["env"] = "lob" };
        TrainingRecord.RequireEnvironment(record, "p.json", "lob", given: true);
        TrainingRecord.RequireEnvironment(null, "p.json", "cj", given: false);
        Assert.Equal(
            "invalid env: p.json was trained with --env lob, not --env cj (the default): resume it with --env lob",
            Assert.Throws<InvalidParameterException>(() => TrainingRecord.RequireEnvironment(record, "p.json", "cj", given: false)).Message);
        Assert.Equal(
            "invalid env: p.json was trained with --env lob, not --env tape: resume it with --env lob",
            Assert.Throws<InvalidParameterException>(() => TrainingRecord.RequireEnvironment(record, "p.json", "tape", given: true)).Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
