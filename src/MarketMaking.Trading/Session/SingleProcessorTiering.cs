namespace MarketMaking.Trading.Session;

/// <summary>
/// A pitfall of confining the engine to one processor (<c>taskset -c 0</c>, a container with one
/// CPU): .NET then multiplies its tiering delay by ten (<c>TC_DelaySingleProcMultiplier</c>), so it
/// optimizes nothing until a whole second passes in which no method runs for the first time. A
/// trading session keeps meeting new code (replies, fills, the journal, timers), and its decision
/// path ran unoptimized, 4-5× slower, for the whole of the bench's <c>decision-path</c> (over 20 s)
/// and for about 10 s of a tick-to-order session. <c>mm</c> and the bench take the delay away in
/// their runtime configuration (<see cref="Knob"/> = 0, which the multiplier leaves at 0); a host of
/// its own that does neither gets the advice, all a running process can give: the runtime reads
/// both settings only at its start.
/// </summary>
public static class SingleProcessorTiering
{
    private const string Setting = "TC_DelaySingleProcMultiplier";

    private const string Variable = "DOTNET_" + Setting;

    /// <summary>The runtime configuration's name for the call-counting delay (runtimeconfig.json, or <c>RuntimeHostConfigurationOption</c> in a project), read by .NET 8 and later.</summary>
    public const string Knob = "System.Runtime.TieredCompilation.CallCountingDelayMs";

    /// <summary>One line advising the variable, or null when it does not apply (several processors, tiering off or already tuned).</summary>
    /// <param name="processorCount">The processors the process may use (<see cref="Environment.ProcessorCount"/>).</param>
    /// <param name="environment">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <param name="runtimeSetting">Reads a runtime configuration setting (<see cref="AppContext.GetData(string)"/>).</param>
    public static string? Advice(int processorCount, Func<string, string?> environment, Func<string, object?> runtimeSetting)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(runtimeSetting);
        bool Set(string name) => !string.IsNullOrEmpty(environment("DOTNET_" + name)) || !string.IsNullOrEmpty(environment("COMPlus_" + name));
        bool Is(string name, string value) => environment("DOTNET_" + name) == value || environment("COMPlus_" + name) == value;

        // The environment wins over the runtime configuration, as in the runtime.
        bool noDelay = Set("TC_CallCountingDelayMs") ? Is("TC_CallCountingDelayMs", "0") : runtimeSetting(Knob)?.ToString() == "0";
        if (processorCount != 1 || Set(Setting) || Is("TieredCompilation", "0") || noDelay || Is("TC_AggressiveTiering", "1"))
        {
            return null;
        }

        return $"note: this process may use one processor, where .NET optimizes no code until a whole second passes without a method run for the first time, so the decision path can run unoptimized, 4-5x slower, for tens of seconds; start it with {Variable}=1 (or {Knob} = 0 in its runtime configuration)";
    }
}
