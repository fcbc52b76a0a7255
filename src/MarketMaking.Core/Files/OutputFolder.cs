namespace MarketMaking.Core.Files;

/// <summary>Outputs make the folder they go in: <c>runs/</c> and its subfolders do not exist in a fresh clone.</summary>
public static class OutputFolder
{
    /// <summary>Creates the folder a file at <paramref name="path"/> goes in, and any above it (nothing when it exists).</summary>
    /// <exception cref="IOException">The folder cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be created.</exception>
    public static void CreateFor(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
