using MarketMaking.Core.Errors;
using MarketMaking.Core.Files;

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
            OutputFolder.CreateFor(path);

            return new StreamWriter(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(path, e.Message);
        }
    }

    /// <summary>
    /// Writes a text file through <paramref name="write"/> under a temporary name beside it, then
    /// moves it into place: a failure or an interruption leaves any earlier file as it was and no
    /// half-written one (the temporary file is deleted when <paramref name="write"/> fails).
    /// </summary>
    /// <exception cref="OutputException">The file cannot be created or moved into place.</exception>
    public static async Task WriteAtomicallyAsync(string path, Func<StreamWriter, Task> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string temporary = path + ".part";
        try
        {
            using (StreamWriter writer = Create(temporary))
            {
                await write(writer).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new OutputException(path, e.Message);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes a text file atomically (<see cref="WriteAtomicallyAsync"/>).</summary>
    /// <exception cref="OutputException">The file cannot be created or moved into place.</exception>
    public static void WriteAtomically(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteAtomicallyAsync(path, w =>
        {
            write(w);
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
    }

    /// <summary>Fails now, not at the end of a long run, when <paramref name="path"/> cannot be written: its folder is created and a file is opened beside it.</summary>
    /// <exception cref="OutputException">The file's folder cannot be created or written to, or the path is a folder.</exception>
    public static void RequireWritable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new OutputException(path, "is a folder, not a file");
        }

        string probe = path + ".part";
        try
        {
            OutputFolder.CreateFor(path);

            new FileStream(probe, FileMode.Create, FileAccess.Write).Dispose();
            File.Delete(probe);
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
