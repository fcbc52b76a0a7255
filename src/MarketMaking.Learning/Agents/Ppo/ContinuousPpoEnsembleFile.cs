namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>The JSON form of <see cref="ContinuousPpoEnsemble"/>: an <see cref="EnsembleFile"/> of continuous PPO documents.</summary>
internal static class ContinuousPpoEnsembleFile
{
    public const string Format = "marketmaking.ppo-continuous-ensemble";

    public static void Save(ContinuousPpoEnsemble ensemble, string path)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        EnsembleFile.Save(path, Format, ensemble.Members, ContinuousPpoFile.Serialize);
    }

    public static ContinuousPpoEnsemble Load(string path) =>
        EnsembleFile.Load(path, Format, "a continuous PPO ensemble", ContinuousPpoFile.Deserialize, members => new ContinuousPpoEnsemble(members));
}
