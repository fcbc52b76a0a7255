namespace MarketMaking.Reporting.Charts;

/// <summary>Marker glyphs; triangles up/down conventionally mark buys/sells.</summary>
public enum MarkerShape
{
    Circle,
    TriangleUp,
    TriangleDown,
}
