using System.Globalization;
using MarketMaking.Core.Errors;

namespace MarketMaking.Research.Cluster;

/// <summary>
/// One task of a job array: its index (0 … Count − 1) and the number of tasks. Written "i/n", or
/// "auto" to read it from the scheduler running the process: a Slurm job array
/// (SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT, or SLURM_ARRAY_TASK_MIN/MAX/STEP, so
/// <c>--array=1-4</c> or <c>--array=0-6:2</c> work as well as <c>0-3</c>) or a Kubernetes Indexed
/// Job (JOB_COMPLETION_INDEX; it does not publish the completion count, so it is given as "auto/n").
/// </summary>
/// <param name="Index">This task's index, from 0.</param>
/// <param name="Count">The number of tasks.</param>
public readonly record struct ArrayTask(int Index, int Count)
{
    /// <summary>The whole job in one process.</summary>
    public static ArrayTask Whole => new(0, 1);

    /// <summary>
    /// Reads "i/n", "auto" or "auto/n" (option <paramref name="field"/>), looking variables up in
    /// <paramref name="environment"/> (<see cref="Environment.GetEnvironmentVariable(string)"/> in the tool).
    /// </summary>
    /// <exception cref="InvalidParameterException">The text is malformed, no scheduler is found for auto, or the scheduler's count differs from the one given.</exception>
    public static ArrayTask Parse(string field, string text, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        string[] parts = text.Split('/');
        if (parts[0] == "auto" && parts.Length <= 2)
        {
            int? given = parts.Length == 2 ? Number(field, parts[1], text, 1) : null;
            ArrayTask task = FromScheduler(field, environment, given);
            return given is { } n && n != task.Count
                ? throw new InvalidParameterException(field, $"auto/{n} was given but the job array has {task.Count} tasks")
                : task;
        }

        if (parts.Length != 2)
        {
            throw new InvalidParameterException(field, $"expected i/n, auto or auto/n, got '{text}'");
        }

        int count = Number(field, parts[1], text, 1);
        int index = Number(field, parts[0], text, 0);
        return index < count ? new ArrayTask(index, count) : throw new InvalidParameterException(field, $"expected i/n with 0 ≤ i < n, got '{text}'");
    }

    /// <summary>"i/n".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    private static ArrayTask FromScheduler(string field, Func<string, string?> environment, int? given)
    {
        if (environment("SLURM_ARRAY_TASK_ID") is { } id)
        {
            int task = Variable(field, "SLURM_ARRAY_TASK_ID", id);
            int min = environment("SLURM_ARRAY_TASK_MIN") is { } m ? Variable(field, "SLURM_ARRAY_TASK_MIN", m) : 0;
            int step = environment("SLURM_ARRAY_TASK_STEP") is { } s ? Math.Max(1, Variable(field, "SLURM_ARRAY_TASK_STEP", s)) : 1;
            int? count = environment("SLURM_ARRAY_TASK_COUNT") is { } c ? Variable(field, "SLURM_ARRAY_TASK_COUNT", c)
                : environment("SLURM_ARRAY_TASK_MAX") is { } max ? ((Variable(field, "SLURM_ARRAY_TASK_MAX", max) - min) / step) + 1
                : given;
            int index = (task - min) / step;
            return count is { } n && index >= 0 && index < n
                ? new ArrayTask(index, n)
                : throw new InvalidParameterException(field, $"SLURM_ARRAY_TASK_ID={id} is not a task of an array of {(count is null ? "unknown size (no SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MAX)" : $"{count} from {min}")}");
        }

        if (environment("JOB_COMPLETION_INDEX") is { } completion)
        {
            int index = Variable(field, "JOB_COMPLETION_INDEX", completion);
            return given is { } n
                ? index < n ? new ArrayTask(index, n) : throw new InvalidParameterException(field, $"JOB_COMPLETION_INDEX={index} is not below the {n} tasks given")
                : throw new InvalidParameterException(field, "a Kubernetes Indexed Job does not publish its completion count: give it as auto/N (N = spec.completions)");
        }

        throw new InvalidParameterException(field, "auto needs a job array: neither SLURM_ARRAY_TASK_ID (Slurm, sbatch --array) nor JOB_COMPLETION_INDEX (Kubernetes Indexed Job) is set; give i/n instead");
    }

    private static int Number(string field, string text, string whole, int min) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min
            ? value
            : throw new InvalidParameterException(field, $"expected i/n with 0 ≤ i < n, auto or auto/n, got '{whole}'");

    private static int Variable(string field, string name, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new InvalidParameterException(field, $"{name}='{text}' is not a whole number");
}
