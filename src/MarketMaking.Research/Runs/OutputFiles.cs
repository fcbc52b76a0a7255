using MarketMaking.Core.Errors;

namespace MarketMaking.Research.Runs;

/// <summary>Text files runs write: the folder is created, a failure is one line naming the file.</summary>
public static class OutputFiles
{
    /// <summary>A new text file (replacing one there), its folder created.</summary>
    /// <exception cref="OutputException">The file cannot be created.</exception>
    public static StreamWriter Create(string path)
    {
        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            return new StreamWriter(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(path, e.Message);
        }
    }

    /// <summary>Writes a text file through <paramref name="write"/>.</summary>
    /// <exception cref="OutputException">The file cannot be created.</exception>
    public static void Write(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using StreamWriter writer = Create(path);
        write(writer);
    }
}
