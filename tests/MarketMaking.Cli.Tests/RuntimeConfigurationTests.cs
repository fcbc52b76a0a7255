using System.Text.Json;
using MarketMaking.Trading.Session;

namespace MarketMaking.Cli.Tests;

public class RuntimeConfigurationTests
{
    /// <summary>The settings mm's build gives the runtime (mm.runtimeconfig.json beside mm.dll), by name.</summary>
    private static Dictionary<string, JsonElement> ToolSettings()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "mm.runtimeconfig.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    [Fact]
    public void TheToolOptimizesWithoutATieringDelayHoweverItIsStarted()
    {
        // In the runtime configuration, not only ./mm's environment: `dotnet mm.dll` or a service gets it too.
        Dictionary<string, JsonElement> settings = ToolSettings();

        Assert.Equal(0, settings[SingleProcessorTiering.Knob].GetInt32());
        Assert.Null(SingleProcessorTiering.Advice(1, _ => null, name => settings.TryGetValue(name, out JsonElement value) ? value.ToString() : null));
    }
}
