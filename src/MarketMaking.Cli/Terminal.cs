using Spectre.Console;

namespace MarketMaking.Cli;

/// <summary>
/// Where commands write: plain text and JSON to the writer, tables through Spectre.Console;
/// warnings, and progress when the output is not a terminal, to standard error.
/// </summary>
public sealed class Terminal
{
    /// <param name="writer">Standard output.</param>
    /// <param name="error">Standard error: warnings; null sends them to <see cref="TextWriter.Null"/>.</param>
    /// <param name="progressInterval">Least time between two progress lines on standard error when the output is not a terminal; null for none.</param>
    public Terminal(TextWriter writer, TextWriter? error = null, TimeSpan? progressInterval = null)
    {
        Writer = writer;
        Error = error ?? TextWriter.Null;
        ProgressLog = progressInterval is null ? null : error;
        ProgressInterval = progressInterval ?? TimeSpan.Zero;
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

    /// <summary>Standard error: warnings that must not mix with tables or JSON.</summary>
    public TextWriter Error { get; }

    /// <summary>Where progress lines go when there is no progress bar; null for none.</summary>
    public TextWriter? ProgressLog { get; }

    /// <summary>Least time between two progress lines.</summary>
    public TimeSpan ProgressInterval { get; }

    public IAnsiConsole Console { get; }
}
