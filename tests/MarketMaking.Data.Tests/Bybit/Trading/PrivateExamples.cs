namespace MarketMaking.Data.Tests.Bybit.Trading;

/// <summary>Bybit's documented private-API examples copied into Examples/ (their README names each page).</summary>
internal static class PrivateExamples
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Bybit", "Trading", "Examples");

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name));

    /// <summary>The query string of a documented GET request line (<c>GET /v5/...?QUERY HTTP/1.1</c>).</summary>
    public static string Query(string name)
    {
        string target = Text(name).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return target[(target.IndexOf('?', StringComparison.Ordinal) + 1)..];
    }
}
