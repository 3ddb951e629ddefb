using System.Globalization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Records;

/// <summary>
/// A township's 排查表 (002 附件1) for a month, reported: 注：本表5月份开始上报，每月30日前上报本月隐患排查情况。 One per
/// township and month, with when and by whom it was reported and how many rows it held, so its board can say 已上报 /
/// 逾期上报 / 逾期未报 as for the dispatch forms.
/// </summary>
public sealed class InspectionListFiling : IBusinessRow
{
    /// <summary>The first month the table is reported (本表5月份开始上报).</summary>
    public const int FirstMonth = 5;

    /// <summary>The day of the month it is due by (每月30日前; February: its last day).</summary>
    public const int DueDay = 30;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The township's jurisdiction code.</summary>
    public string UnitKey { get; set; } = string.Empty;

    public string UnitName { get; set; } = string.Empty;

    public LTree Path { get; set; }

    /// <summary>yyyy-MM.</summary>
    public string Period { get; set; } = string.Empty;

    public DateOnly DueOn { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public Guid SubmittedByUserId { get; set; }

    public string SubmittedBy { get; set; } = string.Empty;

    public int Rows { get; set; }

    public bool Late { get; set; }

    /// <summary>The month's due day: the 30th, or the last day of a shorter month.</summary>
    public static DateOnly DueOf(DateOnly first) => new(first.Year, first.Month, Math.Min(DueDay, DateTime.DaysInMonth(first.Year, first.Month)));

    /// <summary>The first day of a reportable month (from May of the campaign's year to its last month, and not after this one), or an error.</summary>
    public static Result<DateOnly> MonthOf(string? period, DateOnly campaignStart, DateOnly campaignEnd, DateOnly today)
    {
        if (!DateOnly.TryParseExact((period ?? string.Empty) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return Error.Invalid("month", "月份格式应为yyyy-MM");
        }

        var earliest = new DateOnly(campaignStart.Year, FirstMonth, 1);
        var last = today < campaignEnd ? today : campaignEnd;
        var latest = new DateOnly(last.Year, last.Month, 1);
        if (first < earliest || first > latest)
        {
            return Error.Invalid("month", $"排查表在专项行动期间按月上报（{earliest:yyyy年M月}至{latest:yyyy年M月}）");
        }

        return first;
    }
}
