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

    [Fact]
    public void EnvBenchRunsTheEnvironmentsAskedForAndRefusesNone()
    {
        var (code, output, _) = Mm.Run("bench", "env", "--trajectories", "64", "--steps", "40", "--environments", "1", "--json");
        Assert.Equal(0, code);
        JsonElement result = JsonDocument.Parse(output).RootElement;
        Assert.Equal((64, 1, 40), (result.GetProperty("trajectories").GetInt32(), result.GetProperty("environments").GetInt32(), result.GetProperty("steps").GetInt32()));

        (code, _, string error) = Mm.Run("bench", "env", "--environments", "0");
        Assert.NotEqual(0, code);
        Assert.Contains("environments", error);
    }
}
