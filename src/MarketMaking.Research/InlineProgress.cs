namespace MarketMaking.Research;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its action on the thread that reports, at once:
/// <see cref="Progress{T}"/> would post each report to the thread pool, out of order with the work.
/// </summary>
/// <typeparam name="T">What is reported.</typeparam>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Action<T> _report = report ?? throw new ArgumentNullException(nameof(report));

    /// <inheritdoc/>
    public void Report(T value) => _report(value);
}
