using System.CommandLine;

namespace MarketMaking.Cli.Tests;

public class CommandTreeTests
{
    /// <summary>"Every command prints JSON with --json": every command that runs something takes it.</summary>
    [Fact]
    public void EveryCommandThatRunsTakesJson()
    {
        var commands = new List<string>();
        var missing = new List<string>();
        void Visit(Command command, string path)
        {
            if (command.Action is not null && command is not RootCommand)
            {
                commands.Add(path);
                if (!command.Options.Any(o => o.Name == "--json"))
                {
                    missing.Add(path);
                }
            }

            foreach (Command subcommand in command.Subcommands)
            {
                Visit(subcommand, $"{path} {subcommand.Name}");
            }
        }

        Visit(MmApplication.Parse("--help").RootCommandResult.Command, "mm");
        Assert.Empty(missing);
        Assert.Contains("mm tune", commands);
        Assert.Contains("mm tune merge", commands);
        Assert.Contains("mm fetch klines", commands);
        Assert.True(commands.Count >= 25, $"{commands.Count} commands");
    }

    /// <summary>No command takes an option twice (backtest listed --seed and --max-position twice, with different meanings).</summary>
    [Fact]
    public void NoCommandListsAnOptionTwice()
    {
        var repeated = new List<string>();
        void Visit(Command command, string path)
        {
            repeated.AddRange(command.Options.GroupBy(o => o.Name).Where(g => g.Count() > 1).Select(g => $"{path} {g.Key}"));
            foreach (Command subcommand in command.Subcommands)
            {
                Visit(subcommand, $"{path} {subcommand.Name}");
            }
        }

        Visit(MmApplication.Parse("--help").RootCommandResult.Command, "mm");
        Assert.Empty(repeated);
    }
}
