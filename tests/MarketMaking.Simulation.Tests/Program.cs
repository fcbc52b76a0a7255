using MarketMaking.Simulation.Tests.MonteCarlo;

namespace MarketMaking.Simulation.Tests;

/// <summary>
/// The test assembly's entry point (replacing the test SDK's empty one): run as
/// <c>dotnet MarketMaking.Simulation.Tests.dll vector-width-probe</c> it prints the engine's outcomes,
/// so a test can compare runs made at different vector widths, which are fixed per process.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => WidthProbeProcess.Serve(args, VectorWidthProbe.Command, VectorWidthProbe.Report);
}
