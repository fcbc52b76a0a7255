using System.Runtime.InteropServices;
using MarketMaking.Learning.Environments;
using MarketMaking.Research.Training;
using MarketMaking.Simulation.Agents;

namespace MarketMaking.Native;

/// <summary>An environment behind a C handle, with the shape of its actions.</summary>
internal sealed class NativeEnvironment(IVectorEnvironment environment, AgentShape shape)
{
    public IVectorEnvironment Environment { get; } = environment;

    public AgentShape Shape { get; } = shape;

    /// <summary>The same environment taking a bid and an ask depth per trajectory.</summary>
    public IContinuousEnvironment Continuous => Environment as IContinuousEnvironment
        ?? throw new ArgumentException("this environment takes grid actions only");

    /// <summary>"lob": the agent-based book (default market); any other name: a model-market preset.</summary>
    public static NativeEnvironment Create(string name, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        TrainingEnvironment training = name == "lob" ? TrainingEnvironment.Book(new AgentMarketParameters()) : TrainingEnvironment.Model(name);
        return new NativeEnvironment(training.Create(count), training.Shape);
    }

    public static NativeEnvironment Of(nint handle) =>
        handle != 0 && GCHandle.FromIntPtr(handle).Target is NativeEnvironment e ? e : throw new ArgumentException("not an environment handle");
}
