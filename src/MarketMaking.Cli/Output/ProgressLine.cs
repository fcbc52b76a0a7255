using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace MarketMaking.Cli.Output;

/// <summary>
/// The progress of one piece of work: a bar on an interactive terminal, otherwise a line to the
/// log (standard error) at most every <c>interval</c>, so a redirected or piped run still shows it
/// is alive without filling the log. Safe to update from several threads.
/// </summary>
internal sealed class ProgressLine
{
    private readonly Lock _lock = new();
    private readonly ProgressTask? _task;
    private readonly TextWriter? _log;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly double _maxValue;
    private TimeSpan _lastLine;
    private double _value;
    private string _description;

    /// <param name="description">What is being done.</param>
    /// <param name="maxValue">The value at which the work is done.</param>
    /// <param name="task">The terminal's bar; null when the output is not a terminal.</param>
    /// <param name="log">Where lines go when there is no bar; null for none.</param>
    /// <param name="interval">Least time between two lines (zero: a line per update).</param>
    public ProgressLine(string description, double maxValue, ProgressTask? task, TextWriter? log, TimeSpan interval)
    {
        _description = description;
        _maxValue = maxValue;
        _task = task;
        _log = task is null ? log : null;
        _interval = interval;
    }

    /// <summary>True when a bar is drawn (the output is an interactive terminal).</summary>
    public bool Interactive => _task is not null;

    /// <summary>Sets what is being done (shown with the next update).</summary>
    public string Description
    {
        set
        {
            lock (_lock)
            {
                _description = value;
                if (_task is not null)
                {
                    _task.Description = value;
                }
            }
        }
    }

    /// <summary>Sets how far the work is.</summary>
    public double Value
    {
        set => Update(_ => value);
    }

    /// <summary>Moves the work on by <paramref name="amount"/>.</summary>
    public void Increment(double amount) => Update(v => v + amount);

    private void Update(Func<double, double> next)
    {
        lock (_lock)
        {
            _value = next(_value);
            if (_task is not null)
            {
                _task.Value = _value;
                return;
            }

            TimeSpan now = _clock.Elapsed;
            if (_log is null || now - _lastLine < _interval)
            {
                return;
            }

            _lastLine = now;
            double share = _maxValue > 0 ? Math.Min(1, _value / _maxValue) : double.NaN;
            string left = share is > 0 and < 1 ? string.Create(CultureInfo.InvariantCulture, $", about {now.TotalSeconds * (1 - share) / share:F0} s left") : string.Empty;
            _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_description}: {_value:N0} of {_maxValue:N0} ({share:P0}) after {now.TotalSeconds:F0} s{left}"));
            _log.Flush();
        }
    }
}
