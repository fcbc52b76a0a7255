using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MarketMaking.Data.Tests.Bybit;

/// <summary>
/// The exact request/response examples of Bybit's V5 documentation in ../shared/data/bybit-v5-api.
/// Three are not strict JSON as published, so before serving them the test server strips:
/// <list type="bullet">
/// <item><c>//</c> comment lines (instruments-info linear);</item>
/// <item>a bare label line before a document (<c>LinearPerpetual</c>, <c>LinearFutures</c> in ws tickers linear);</item>
/// <item><c>...</c> placeholders and the trailing commas they leave (ws orderbook snapshot).</item>
/// </list>
/// A file holding several documents (instruments-info linear, ws tickers linear) yields each one; every
/// document is served compact, one line, as Bybit sends it. Nothing else is changed.
/// </summary>
internal static partial class DocumentedExamples
{
        /// <summary>The examples folder, or null when ../shared/data is not beside the project.</summary>
    public static string? Folder => SharedData.Folder is { } data ? Path.Combine(data, "bybit-v5-api") : null;

    public static string SkipReason => "skipped: ../shared/data/bybit-v5-api (the documented Bybit examples) is not beside the project";

    /// <summary>The documents of one example file, stripped and compacted.</summary>
    public static IReadOnlyList<string> Load(string fileName) =>
        Documents(File.ReadAllText(Path.Combine(Folder ?? throw new InvalidOperationException(SkipReason), fileName)));

    /// <summary>The only (or first) document of one example file.</summary>
    public static string Single(string fileName) => Load(fileName)[0];

    /// <summary>Strips the non-JSON parts of published example text and splits it into compact documents.</summary>
    public static IReadOnlyList<string> Documents(string text)
    {
        var kept = new StringBuilder();
        foreach (string line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            string trimmed = line.Trim();
            if (trimmed.StartsWith("//", StringComparison.Ordinal) || LabelLine().IsMatch(trimmed))
            {
                continue;
            }

            kept.Append(line).Append('\n');
        }

        string json = TrailingComma().Replace(Placeholder().Replace(kept.ToString(), ""), "$1");
        var documents = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            documents.Add(JsonSerializer.Serialize(document.RootElement));
        }

        return documents;
    }



    // A line holding one bare word, such as "LinearPerpetual": a caption, not JSON.
    [GeneratedRegex(@"^(?!true$|false$|null$)[A-Za-z]+$")]
    private static partial Regex LabelLine();

    [GeneratedRegex(@"\.\.\.\s*,?")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@",(\s*[\]}])")]
    private static partial Regex TrailingComma();
}
