using System.CommandLine;
using System.Globalization;
using MarketMaking.Cli.Configuration;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Runs;
using Spectre.Console;

namespace MarketMaking.Cli.Commands;

/// <summary><c>mm config show --config FILE</c>: the settings a config file holds and the options they set.</summary>
internal static class ConfigCommand
{
    public static Command Create(Terminal terminal, Option<string?> config)
    {
        var show = new ConfigShow();
        var json = new Option<bool>("--json") { Description = "print JSON" };
        show.Options.Add(json);
        show.SetAction(parse =>
        {
            string path = parse.GetValue(config) ?? throw new InvalidParameterException("config", "name the file: mm config show --config FILE.yaml");
            IReadOnlyList<ConfigEntry> entries = CommandConfig.Read(path);
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(entries));
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(path));
            table.AddColumn("key").AddColumn("value").AddColumn("option").AddColumn(new TableColumn("line").RightAligned());
            foreach (ConfigEntry e in entries)
            {
                table.AddRow(Markup.Escape(e.Key), Markup.Escape(e.Value), Markup.Escape(e.Option), e.Line.ToString(CultureInfo.InvariantCulture));
            }

            terminal.Console.Write(table);
            terminal.Writer.WriteLine("Options given on the command line override these; a key the command does not take is an error naming its line.");
            return 0;
        });
        return new Command("config", "Inspect configuration files.") { show };
    }
}

/// <summary><c>mm config show</c>: reads --config itself instead of having it applied.</summary>
internal sealed class ConfigShow() : Command("show", "Print the settings of a config file (--config FILE) and the options they set.");
