using Spectre.Console;

namespace MarketMaking.Cli;

/// <summary>Where commands write: plain text and JSON to the writer, tables through Spectre.Console.</summary>
public sealed class Terminal
{
    public Terminal(TextWriter writer)
    {
        Writer = writer;
        bool interactive = ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            Console.Profile.Width = 200;
        }
    }

    public TextWriter Writer { get; }

    public IAnsiConsole Console { get; }
}
