using System.CommandLine;

namespace MarketMaking.Cli.Commands;

/// <summary><c>mm train</c>: fit the learned models (adverse-selection detector, spread predictor).</summary>
internal static class TrainCommand
{
    public static Command Create(Terminal terminal) =>
        new("train", "Train learned models on simulated or recorded markets.")
        {
            TrainDetectorCommand.Create(terminal),
            TrainSpreadCommand.Create(terminal),
        };
}
