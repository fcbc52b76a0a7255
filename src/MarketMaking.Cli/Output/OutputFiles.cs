using MarketMaking.Core.Errors;

namespace MarketMaking.Cli.Output;

/// <summary>Text files the commands write: the folder is created, a failure is one line naming the file.</summary>
internal static class OutputFiles
{
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

    public static void Write(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using StreamWriter writer = Create(path);
        write(writer);
    }
}
