namespace MarketMaking.Simulation.Tests.MonteCarlo;

/// <summary>
/// The engine's numbers do not depend on the vector width: each lane is one trajectory with its own
/// random stream. The width is fixed when a process starts, so the engine runs in two child processes,
/// one at 256 bits (4 lanes of double) and one at 512 (8 lanes), and every outcome must match bit for bit.
/// </summary>
public class VectorWidthTests
{
    [Fact]
    public void AChildProcessAt256BitsGivesTheTestProcesssNumbers()
    {
        string at256 = RunProbe(256);

        Assert.StartsWith("lanes 4\n", at256, StringComparison.Ordinal);
        Assert.Equal(Body(VectorWidthProbe.Report()), Body(at256));
    }

    [Vector512Fact]
    public void OutcomesAreTheSameBitForBitAt256And512Bits()
    {
        string at256 = RunProbe(256);
        string at512 = RunProbe(512);

        Assert.StartsWith("lanes 4\n", at256, StringComparison.Ordinal);
        Assert.StartsWith("lanes 8\n", at512, StringComparison.Ordinal);
        Assert.Equal(Body(at256), Body(at512));
    }

    private static string Body(string report) => report[(report.IndexOf('\n', StringComparison.Ordinal) + 1)..];

    private static string RunProbe(int bits) => WidthProbeProcess.Run(typeof(VectorWidthProbe).Assembly, VectorWidthProbe.Command, bits);
}
