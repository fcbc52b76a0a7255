using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Training;

namespace MarketMaking.Research.Tests.Training;

public sealed class EnsembleMemberFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-members-").FullName;

    private static AgentTrainingSettings Settings(string agent, string output, int? member) => agent is "ppo" or "ppo-continuous"
        ? new AgentTrainingSettings { Agent = agent, Steps = 512, Environments = 8, Members = 2, Member = member, Seed = 7, Overrides = new AgentOverrides(BatchSize: 32, UpdateFrequency: 16), OutputPath = output, CheckpointEvery = 0 }
        : new AgentTrainingSettings { Agent = "dqn", Steps = 12_000, Environments = 16, Members = 2, Member = member, Seed = 7, Overrides = new AgentOverrides(BatchSize: 32, UpdateFrequency: 4), OutputPath = output, CheckpointEvery = 0 };

    [Theory]
    [InlineData("ppo")]
    [InlineData("ppo-continuous")]
    [InlineData("dqn")]
    public void MembersTrainedApartMergeIntoTheOneProcessEnsembleByteForByte(string agent)
    {
        TrainingEnvironment cj = TrainingEnvironment.Model("cj");
        string whole = Path.Combine(_folder, "whole.json"), merged = Path.Combine(_folder, "merged.json");
        AgentTraining.Prepare(Settings(agent, whole, null), cj).Run();

        // Member 1 first: the order members are trained or given in does not matter.
        string[] members = [Path.Combine(_folder, "m1.json"), Path.Combine(_folder, "m0.json")];
        AgentTraining.Prepare(Settings(agent, members[0], 1), cj).Run();
        AgentTraining.Prepare(Settings(agent, members[1], 0), cj).Run();
        Assert.Equal((agent, 2), EnsembleMemberFile.Merge(members, merged));

        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(merged));

        // A member file is a policy of its own (an ensemble of one) that every reader takes.
        (string kind, object one) = AgentCatalog.LoadAgent(members[0]);
        Assert.Equal(agent, kind);
        Assert.Equal(1, AgentCatalog.MembersOf(one));
        Assert.Equal(2, AgentCatalog.MembersOf(AgentCatalog.LoadAgent(merged).Agent));
    }

    [Fact]
    public void MergingRefusesAMissingRepeatedForeignOrUnfinishedMember()
    {
        TrainingEnvironment cj = TrainingEnvironment.Model("cj");
        string m0 = Path.Combine(_folder, "m0.json"), m1 = Path.Combine(_folder, "m1.json"), other = Path.Combine(_folder, "other.json"), output = Path.Combine(_folder, "out.json");
        AgentTraining.Prepare(Settings("ppo", m0, 0), cj).Run();
        AgentTraining.Prepare(Settings("ppo", m1, 1), cj).Run();
        AgentTraining.Prepare(Settings("ppo", other, 1) with { Seed = 8 }, cj).Run();

        InvalidParameterException missing = Assert.Throws<InvalidParameterException>(() => EnsembleMemberFile.Merge([m0], output));
        Assert.Equal("invalid files: member 1 of 2 missing: train it (--member I, or re-run the array task) and merge again", missing.Message);
        Assert.Contains("member 0 of 2 is given twice", Assert.Throws<InvalidParameterException>(() => EnsembleMemberFile.Merge([m0, m1, m0], output)).Message, StringComparison.Ordinal);
        DataFormatException foreign = Assert.Throws<DataFormatException>(() => EnsembleMemberFile.Merge([m0, other], output));
        Assert.Equal($"{other}: ensemble_member: a member of another run: seed 8 here, 7 there (in {m0})", foreign.Message);

        // A checkpoint of a task that stopped early: the same member, marked unfinished.
        (_, EnsembleMember marker, object agent) = EnsembleMemberFile.Load(m1);
        Assert.True(marker.Complete);
        EnsembleMemberFile.Save(agent, marker with { Complete = false }, m1);
        Assert.Contains("member 1 of 2 is a checkpoint at 512 transitions: its task did not finish", Assert.Throws<DataFormatException>(() => EnsembleMemberFile.Merge([m0, m1], output)).Message, StringComparison.Ordinal);

        // A whole ensemble's file is no member.
        string whole = Path.Combine(_folder, "whole.json");
        AgentTraining.Prepare(Settings("ppo", whole, null), cj).Run();
        Assert.Contains("ensemble_member: missing", Assert.Throws<DataFormatException>(() => EnsembleMemberFile.Merge([whole, m0], output)).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void AMemberIsCheckedBeforeTraining()
    {
        TrainingEnvironment cj = TrainingEnvironment.Model("cj");
        Assert.Equal("members", Assert.Throws<InvalidParameterException>(() => AgentTraining.Prepare(new AgentTrainingSettings { Agent = "ppo", Member = 0 }, cj)).Parameter);
        Assert.Equal("member", Assert.Throws<InvalidParameterException>(() => AgentTraining.Prepare(new AgentTrainingSettings { Agent = "ppo", Members = 2, Member = 2 }, cj)).Parameter);
        Assert.Equal("member", Assert.Throws<InvalidParameterException>(() => AgentTraining.Prepare(new AgentTrainingSettings { Agent = "qlearning", Members = 2, Member = 0 }, cj)).Parameter);
        Assert.Equal("member", Assert.Throws<InvalidParameterException>(() => AgentTraining.Prepare(new AgentTrainingSettings { Agent = "sac", Members = 2, Member = 0 }, cj)).Parameter);
    }

    [Fact]
    public void TheMarkerRecordsTheRunAndTheMember()
    {
        string m0 = Path.Combine(_folder, "m0.json");
        AgentTraining.Prepare(Settings("ppo", m0, 0), TrainingEnvironment.Model("cj")).Run();
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(m0));
        JsonElement marker = document.RootElement.GetProperty("ensemble_member");
        Assert.Equal(0, marker.GetProperty("index").GetInt32());
        Assert.Equal(2, marker.GetProperty("members").GetInt32());
        Assert.Equal("7", marker.GetProperty("run").GetProperty("seed").GetString());
        Assert.Equal("cj", marker.GetProperty("run").GetProperty("environment").GetString());
        Assert.Equal("marketmaking.ppo-ensemble", document.RootElement.GetProperty("format").GetString());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
