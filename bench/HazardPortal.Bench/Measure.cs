using System.Diagnostics;

namespace HazardPortal.Bench;

/// <summary>Timings of one measured operation: warm-up runs discarded, then percentiles over the rest.</summary>
public sealed record Timing(string Name, int Runs, double P50, double P95, double Max)
{
    public static async Task<Timing> RunAsync(string name, int warmup, int runs, Func<int, Task> op)
    {
        for (var i = 0; i < warmup; i++)
        {
            await op(i);
        }

        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await op(i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(samples);
        return new Timing(name, runs, Percentile(samples, 0.50), Percentile(samples, 0.95), samples[^1]);
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
