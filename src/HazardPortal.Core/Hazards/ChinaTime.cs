namespace HazardPortal.Core.Hazards;

/// <summary>Dates of record are China dates (UTC+8, no daylight saving).</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);

    /// <summary>A China-time wall-clock moment on a day, as an instant (UTC, as Npgsql stores it).</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time) => new DateTimeOffset(day.ToDateTime(time), Offset).ToUniversalTime();

    /// <summary>A China-time wall-clock moment, as an instant (UTC).</summary>
    public static DateTimeOffset At(DateTime local) => new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset).ToUniversalTime();

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>An instant as China time in the given pattern (e.g. "yyyy-MM-dd HH:mm").</summary>
    public static string Format(DateTimeOffset instant, string pattern) =>
        instant.ToOffset(Offset).ToString(pattern, System.Globalization.CultureInfo.InvariantCulture);
}
