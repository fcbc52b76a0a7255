namespace MarketMaking.Trading.Tests;

/// <summary>A journal path in a fresh temporary folder, removed (with the WAL files) at the end.</summary>
internal sealed class TempJournal : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-journal-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "journal.db");

    public string Folder => _folder;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a test that failed may still hold the file.
        }
    }
}
