namespace MarketMaking.Learning.Agents;

/// <summary>A value moving linearly from <see cref="Start"/> to <see cref="End"/> over <see cref="Steps"/> transitions, then held (ε schedules).</summary>
public readonly record struct LinearSchedule(double Start, double End, long Steps)
{
    public double At(long step) => Steps <= 0 || step >= Steps ? End : Start + ((End - Start) * step / Steps);
}
