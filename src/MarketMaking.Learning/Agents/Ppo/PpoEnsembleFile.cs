namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>The JSON form of <see cref="PpoEnsemble"/>: an <see cref="EnsembleFile"/> of PPO documents.</summary>
internal static class PpoEnsembleFile
{
    public const string Format = "marketmaking.ppo-ensemble";

    public static void Save(PpoEnsemble ensemble, string path)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        EnsembleFile.Save(path, Format, ensemble.Members, PpoFile.Serialize);
    }

    public static PpoEnsemble Load(string path) =>
        EnsembleFile.Load(path, Format, "a PPO ensemble", PpoFile.Deserialize, members => new PpoEnsemble(members));
}
