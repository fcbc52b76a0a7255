namespace MarketMaking.Strategies.Models;

/// <summary>How the Avellaneda–Stoikov strategy sets the time to horizon τ.</summary>
public enum AvellanedaStoikovMode
{
    /// <summary>τ = time left to the run's horizon (the paper's setting).</summary>
    FiniteHorizon = 0,

    /// <summary>τ = a fixed window at every decision, as run in practice without an end time.</summary>
    Rolling = 1,
}
