namespace MarketMaking.Simulation.Engine;

/// <summary>The state of a run after one event: for charts.</summary>
public readonly record struct SeriesPoint(double Time, double Mid, double Bid, double Ask, double Inventory, double Equity);
