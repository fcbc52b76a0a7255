using System.Diagnostics;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Files;
using MarketMaking.Core.MarketData;

namespace MarketMaking.Data.Binary;

/// <summary>Converts any event source (a text file reader) to an .mmev file.</summary>
public static class MarketDataConverter
{
    /// <summary>
    /// Streams every event of <paramref name="source"/> into <paramref name="outPath"/>. The file is
    /// written beside the target and moved into place at the end, so a failed conversion (a bad row
    /// under --on-bad-row stop) never leaves a truncated file that looks complete.
    /// </summary>
    public static ConversionResult Convert(IMarketEventSource source, string outPath)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(outPath);
        string partial = outPath + ".partial";
        long start = Stopwatch.GetTimestamp();
        long count;
        try
        {
            OutputFolder.CreateFor(outPath);

            using (var writer = new MmevWriter(partial, source.Instrument))
            {
                var buffer = new MarketEvent[8192];
                int n;
                while ((n = source.Read(buffer)) > 0)
                {
                    writer.Write(buffer.AsSpan(0, n));
                }

                count = writer.Count;
            }

            File.Move(partial, outPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(partial);
            throw new OutputException(outPath, e.Message);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }

        return new ConversionResult(count, Stopwatch.GetElapsedTime(start));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original error is the one to report.
        }
    }
}
