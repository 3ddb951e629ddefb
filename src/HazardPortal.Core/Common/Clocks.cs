using System.Globalization;
using HazardPortal.Core.Hazards;

namespace HazardPortal.Core.Common;

/// <summary>
/// The campaign's clock in demo mode: the demo's records are of the 2023 campaign, so <c>./portal run</c>
/// sets "now" to a moment inside it (by default 2023-08-22 21:30 China time, the evening before 进贤县's
/// cutoff) and lets it advance in real time from there. Everything that reads the injected
/// <see cref="TimeProvider"/> follows it: due days, "today" defaults, jobs, notifications, record timestamps.
/// Sessions, tokens, lockouts and second factors keep real time (<see cref="SecurityClock"/>): an
/// authenticator app's code and a browser's cookie expiry know only the real date.
/// </summary>
public sealed class DemoClock : TimeProvider
{
    public const string Setting = "Demo:Time";

    public const string DefaultStart = "2023-08-22 21:30";

    /// <summary>
    /// The real instant (UTC, ISO 8601) at which the demo's clock read <see cref="Setting"/>; the process's start when
    /// unset. Several portal nodes given the same anchor keep one clock, and a node restarted goes on where the others are
    /// instead of starting the evening again.
    /// </summary>
    public const string SinceSetting = "Demo:Since";

    private readonly TimeProvider real;
    private readonly TimeSpan shift;

    /// <param name="since">The real instant the demo's clock read <paramref name="start"/>; now when null.</param>
    public DemoClock(DateTimeOffset start, TimeProvider? real = null, DateTimeOffset? since = null)
    {
        this.real = real ?? System;
        Start = start;
        shift = start - (since ?? this.real.GetUtcNow());
    }

    /// <summary>An anchor as <see cref="SinceSetting"/> gives it: an instant with its offset ("2026-12-05T14:40:00Z").</summary>
    public static bool TryParseSince(string? text, out DateTimeOffset since) =>
        DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out since);

    /// <summary>The moment the demo started at.</summary>
    public DateTimeOffset Start { get; }

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow() + shift;

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    /// <summary>"yyyy-MM-dd HH:mm" (or "yyyy-MM-dd") read as China time.</summary>
    public static bool TryParse(string? text, out DateTimeOffset start)
    {
        start = default;
        if (!DateTime.TryParseExact(text?.Trim(), ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        start = ChinaTime.At(local);
        return RecordDates.Within(DateOnly.FromDateTime(local));
    }
}

/// <summary>Real time for what must never be shifted: sessions, token lifetimes, lockouts, one-time codes.</summary>
public sealed class SecurityClock(TimeProvider real) : TimeProvider
{
    public SecurityClock()
        : this(System)
    {
    }

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow();
}
