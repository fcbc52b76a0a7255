using MarketMaking.Core.Errors;

namespace MarketMaking.Core.Files;

/// <summary>An output must not be a command's input: writing it would replace the data it is made from.</summary>
public static class DistinctOutput
{
    /// <summary>
    /// Throws an <see cref="InvalidParameterException"/> for <paramref name="parameter"/> when
    /// <paramref name="output"/> names the file <paramref name="input"/> does: compared as full
    /// paths, through a symbolic link at either end.
    /// </summary>
    public static void Require(string parameter, string output, string input)
    {
        ArgumentException.ThrowIfNullOrEmpty(output);
        ArgumentException.ThrowIfNullOrEmpty(input);
        StringComparison comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (string.Equals(Resolve(output), Resolve(input), comparison))
        {
            throw new InvalidParameterException(parameter, $"{output} is the input file {input}; writing it would replace the input");
        }
    }

    private static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return full; // a link that cannot be followed is not the input
        }
    }
}
