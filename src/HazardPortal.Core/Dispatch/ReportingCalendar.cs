using System.Globalization;

namespace HazardPortal.Core.Dispatch;

/// <summary>How a template's figures are windowed (SPEC §6).</summary>
public enum WindowKind
{
    /// <summary>From the campaign start to the nominal cutoff day (001, 003 annex 1: 累计).</summary>
    CumulativeToCutoff,

    /// <summary>From the campaign start to the last day of the previous month (002: 截至上月末).</summary>
    CumulativeToPreviousMonthEnd,

    /// <summary>From 1 January to the cutoff day (003 annex 2: 今年以来).</summary>
    YearToDate,
}

/// <summary>A period's days: the window [Start, AsOf], the nominal cutoff and the due day.</summary>
public sealed record ReportingDays(string Period, int CutoffDay, DateOnly Nominal, DateOnly Start, DateOnly AsOf, DateOnly DueOn)
{
    /// <summary>A submission on a China day after the due day is late (逾期), and still accepted.</summary>
    public bool IsLate(DateOnly submittedOn) => submittedOn > DueOn;

    /// <summary>Days left to the due day (negative once past it).</summary>
    public int DaysLeft(DateOnly today) => DueOn.DayNumber - today.DayNumber;
}

/// <summary>
/// The reporting calendar of SPEC §6 as pure functions: a monthly period <c>yyyy-MM</c> has a nominal
/// cutoff day (clamped to the month's last day); the as-of day is that day, or the previous month's
/// last day for 截至上月末 windows; the window starts at the campaign start (or 1 January); the due day
/// is the nominal day, moved to the next working day when the template says 遇节假日顺延 and the day is
/// a holiday or an ordinary weekend day not made a working day by 调休.
/// </summary>
public static class ReportingCalendar
{
    /// <summary>Holidays and 调休 working days, as the seeded <c>holidays.csv</c> (editable) has them.</summary>
    public sealed record Calendar(IReadOnlySet<DateOnly> Holidays, IReadOnlySet<DateOnly> Workdays)
    {
        public static Calendar Empty { get; } = new(new HashSet<DateOnly>(), new HashSet<DateOnly>());

        public bool IsWorkingDay(DateOnly day) =>
            !Holidays.Contains(day) && (Workdays.Contains(day) || day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
    }

    public static bool TryParsePeriod(string? period, out DateOnly firstDay) =>
        DateOnly.TryParseExact((period ?? string.Empty) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out firstDay);

    public static string PeriodOf(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The nominal cutoff: the cutoff day of the month, clamped to its last day (the 30th of February is the 28th or 29th).</summary>
    public static DateOnly Nominal(DateOnly firstOfMonth, int cutoffDay) =>
        new(firstOfMonth.Year, firstOfMonth.Month, Math.Clamp(cutoffDay, 1, DateTime.DaysInMonth(firstOfMonth.Year, firstOfMonth.Month)));

    public static DateOnly AsOf(DateOnly nominal, WindowKind window) => window switch
    {
        WindowKind.CumulativeToPreviousMonthEnd => new DateOnly(nominal.Year, nominal.Month, 1).AddDays(-1),
        _ => nominal,
    };

    public static DateOnly WindowStart(DateOnly asOf, WindowKind window, DateOnly campaignStart) => window switch
    {
        WindowKind.YearToDate => new DateOnly(asOf.Year, 1, 1),
        _ => campaignStart,
    };

    /// <summary>The due day: the nominal day, or with 遇节假日顺延 the first working day from it.</summary>
    public static DateOnly DueOn(DateOnly nominal, bool holidayShift, Calendar calendar)
    {
        if (!holidayShift)
        {
            return nominal;
        }

        var day = nominal;
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    public static ReportingDays For(string period, int cutoffDay, WindowKind window, bool holidayShift, DateOnly campaignStart, Calendar calendar)
    {
        if (!TryParsePeriod(period, out var first))
        {
            throw new ArgumentException($"Not a period: {period}", nameof(period));
        }

        var nominal = Nominal(first, cutoffDay);
        var asOf = AsOf(nominal, window);
        return new ReportingDays(period, cutoffDay, nominal, WindowStart(asOf, window, campaignStart), asOf, DueOn(nominal, holidayShift, calendar));
    }
}
