using System.CommandLine;

namespace MarketMaking.Cli.Commands;

/// <summary><c>mm train</c>: RL agents, the adverse-selection detector and the spread predictor.</summary>
internal static class TrainCommand
{
    public static Command Create(Terminal terminal)
    {
        var train = new Command("train", "Train learned models: RL agents (--agent), the adverse-selection detector, the spread predictor.")
        {
            TrainDetectorCommand.Create(terminal),
            TrainSpreadCommand.Create(terminal),
        };
        TrainAgentCommand.AddTo(train, terminal);
        return train;
    }
}
