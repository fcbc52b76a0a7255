namespace MarketMaking.Learning.Agents.Dqn;

/// <summary>The JSON form of <see cref="DqnEnsemble"/>: an <see cref="EnsembleFile"/> of DQN documents.</summary>
internal static class DqnEnsembleFile
{
    public const string Format = "marketmaking.dqn-ensemble";

    public static void Save(DqnEnsemble ensemble, string path)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        EnsembleFile.Save(path, Format, ensemble.Members, DqnFile.Serialize);
    }

    public static DqnEnsemble Load(string path) =>
        EnsembleFile.Load(path, Format, "a DQN ensemble", DqnFile.Deserialize, members => new DqnEnsemble(members));
}
