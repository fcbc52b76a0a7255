using MarketMaking.Research.Sweeps;

namespace MarketMaking.Research.Tests;

public class LayeringTests
{
    [Fact]
    public void TheLibraryReferencesNoFrontEndAndOnlyTheLayersBelowIt()
    {
        string[] referenced = [.. typeof(Sweep).Assembly.GetReferencedAssemblies().Select(a => a.Name!)];
        Assert.DoesNotContain(referenced, n => n.StartsWith("System.CommandLine", StringComparison.Ordinal) || n.StartsWith("Spectre", StringComparison.Ordinal) || n == "mm");
        Assert.Equal(
            ["MarketMaking.Core", "MarketMaking.Data", "MarketMaking.Learning", "MarketMaking.Reporting", "MarketMaking.Signals", "MarketMaking.Simulation", "MarketMaking.Strategies"],
            referenced.Where(n => n.StartsWith("MarketMaking.", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public void EveryPublicTypeLivesInAResearchNamespaceNamedAfterItsFolder()
    {
        Type[] types = [.. typeof(Sweep).Assembly.GetExportedTypes().Where(t => !t.IsNested)];
        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.StartsWith("MarketMaking.Research", t.Namespace, StringComparison.Ordinal));

        // The source folders are the namespaces: MarketMaking.Research.Sweeps lives in Sweeps/.
        string? source = SourceFolder();
        if (source is not null)
        {
            Assert.All(types, t => Assert.True(
                File.Exists(Path.Combine(source, Path.Combine([.. t.Namespace!.Split('.').Skip(2)]), t.Name.Split('`')[0] + ".cs")),
                $"{t.FullName} is not in its own file in the folder of its namespace"));
        }
    }

    private static string? SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "src", "MarketMaking.Research");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
