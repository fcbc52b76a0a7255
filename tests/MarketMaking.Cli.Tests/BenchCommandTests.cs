using System.Text.Json;

namespace MarketMaking.Cli.Tests;

public class BenchCommandTests
{
    [Fact]
    public void SimBenchReportsItsWorkload()
    {
        var (code, output, _) = Mm.Run("bench", "sim", "--trajectories", "1000", "--repeats", "1", "--json");
        Assert.Equal(0, code);
        JsonElement result = JsonDocument.Parse(output).RootElement;
        Assert.Equal("sim", result.GetProperty("benchmark").GetString());
        Assert.Equal(1000, result.GetProperty("trajectories").GetInt32());
        Assert.Equal(200, result.GetProperty("steps").GetInt32());

        // Rate = trajectory-steps / median seconds, whatever the machine's speed.
        double seconds = result.GetProperty("seconds_median").GetDouble();
        Assert.Equal(1000 * 200 / seconds, result.GetProperty("trajectory_steps_per_second").GetDouble(), 6);
    }
}
