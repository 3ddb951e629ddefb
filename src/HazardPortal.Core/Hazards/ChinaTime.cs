namespace HazardPortal.Core.Hazards;

/// <summary>Dates of record are China dates (UTC+8, no daylight saving).</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>An instant as China time in the given pattern (e.g. "yyyy-MM-dd HH:mm").</summary>
    public static string Format(DateTimeOffset instant, string pattern) =>
        instant.ToOffset(Offset).ToString(pattern, System.Globalization.CultureInfo.InvariantCulture);
}
