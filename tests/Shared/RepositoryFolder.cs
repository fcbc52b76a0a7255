namespace MarketMaking.Tests.Samples;

/// <summary>The repository's root (the folder holding MarketMaking.slnx), found above the test binaries.</summary>
internal static class RepositoryFolder
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MarketMaking.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("the repository (MarketMaking.slnx) is not above the test binaries");
        }
    }
}
