using MarketMaking.Learning.Tests.Neural;

namespace MarketMaking.Learning.Tests;

/// <summary>
/// The test assembly's entry point (replacing the test SDK's empty one): run as
/// <c>dotnet MarketMaking.Learning.Tests.dll matrix-kernels-probe</c> it checks the matrix kernels
/// against scalar sums at the process's vector width, so a test can run it at 512 bits.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => WidthProbeProcess.Serve(args, MatrixKernelsProbe.Command, MatrixKernelsProbe.Report);
}
