namespace HazardPortal.Core.Records;

/// <summary>One duty period: [Start, End] inclusive.</summary>
public sealed record DutyPeriod(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly day) => day >= Start && day <= End;

    public string Label => Start.Month == End.Month && Start.Year == End.Year
        ? $"{Start:yyyy年M月}"
        : $"{Start:yyyy年M月}至{End:yyyy年M月}";
}

/// <summary>Where an enterprise stands on a duty: periods that have ended without the record, and the one running.</summary>
public sealed record DutyStatus(IReadOnlyList<DutyPeriod> Missed, DutyPeriod? Current, bool CurrentDone)
{
    public bool Behind => Missed.Count > 0;
}

/// <summary>
/// The enterprise duties of SPEC §3 (000 §二(一)1 and 5): a head-led inspection every month for a
/// high-risk enterprise and every quarter otherwise; an emergency drill every half-year for a
/// high-risk enterprise and at least one during the campaign otherwise. Periods are calendar months,
/// quarters and half-years, the first one cut at the campaign start. A period is missed only once it
/// has ended (its last day is still in time); the periods are judged in China days.
/// </summary>
public static class Duties
{
    public static DutyStatus HeadInspection(bool highRisk, DateOnly campaignStart, DateOnly today, IEnumerable<DateOnly> inspectionDays) =>
        Evaluate(Periods(campaignStart, today, highRisk ? 1 : 3), today, inspectionDays);

    public static DutyStatus Drill(bool highRisk, DateOnly campaignStart, DateOnly campaignEnd, DateOnly today, IEnumerable<DateOnly> drillDays)
    {
        if (highRisk)
        {
            return Evaluate(Periods(campaignStart, Min(today, campaignEnd), 6), today, drillDays);
        }

        // Others: one drill at any time during the campaign.
        return Evaluate([new DutyPeriod(campaignStart, campaignEnd)], today, drillDays);
    }

    /// <summary>Calendar periods of <paramref name="months"/> months (1, 3 or 6) from the campaign start up to today's period.</summary>
    public static List<DutyPeriod> Periods(DateOnly campaignStart, DateOnly today, int months)
    {
        var periods = new List<DutyPeriod>();
        if (today < campaignStart)
        {
            return periods;
        }

        // The calendar period holding the campaign start, cut at the start.
        var firstMonth = (campaignStart.Month - 1) / months * months + 1;
        var start = new DateOnly(campaignStart.Year, firstMonth, 1);
        while (start <= today)
        {
            var end = start.AddMonths(months).AddDays(-1);
            periods.Add(new DutyPeriod(start < campaignStart ? campaignStart : start, end));
            start = start.AddMonths(months);
        }

        return periods;
    }

    private static DutyStatus Evaluate(List<DutyPeriod> periods, DateOnly today, IEnumerable<DateOnly> days)
    {
        var done = days.ToList();
        var missed = periods.Where(p => p.End < today && !done.Any(p.Contains)).ToList();
        var current = periods.LastOrDefault(p => p.Contains(today));
        return new DutyStatus(missed, current, current is not null && done.Any(current.Contains));
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
