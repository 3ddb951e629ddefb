using HazardPortal.Core.Common;

namespace HazardPortal.Core.Records;

/// <summary>An emergency drill (应急演练) of an enterprise: day, scenario, participants — for the drill duty (SPEC §3).</summary>
public sealed class Drill : FieldRecord
{
    public string Scenario { get; set; } = string.Empty;

    public int Participants { get; set; }

    public string? Notes { get; set; }

    public static Error? Check(DateOnly on, string? scenario, int participants, DateOnly today)
    {
        if (on > today)
        {
            return Error.Invalid("date", "演练日期不能晚于今天");
        }

        if (string.IsNullOrWhiteSpace(scenario) || scenario.Length > 200)
        {
            return Error.Invalid("scenario", "请填写演练科目（不超过200字）");
        }

        return participants is < 1 or > 100000 ? Error.Invalid("participants", "参演人数须为正整数") : null;
    }
}

/// <summary>
/// A major safety risk of a subject (重大安全风险管控责任清单, 003) with its sector and the four lists
/// (基础清单、防控清单、责任清单、应急清单) done or not; may be tagged 老旧装置 or 高危装置 (003 annex 2 rows).
/// </summary>
public sealed class Risk : FieldRecord
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string SectorCode { get; set; } = string.Empty;

    public bool BasicList { get; set; }

    public bool ControlList { get; set; }

    public bool ResponsibilityList { get; set; }

    public bool EmergencyList { get; set; }

    public bool AgingEquipment { get; set; }

    public bool HighRiskEquipment { get; set; }

    /// <summary>All four lists done: the risk counts as controlled (管控率).</summary>
    public bool Controlled => BasicList && ControlList && ResponsibilityList && EmergencyList;

    public uint Version { get; set; }

    public static Error? Check(string? name, DateOnly on, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return Error.Invalid("name", "请填写风险名称（不超过200字）");
        }

        return on > today ? Error.Invalid("date", "日期不能晚于今天") : RecordDates.Check(on, "date", "日期");
    }
}

/// <summary>
/// 安全生产承诺回执书 (000 annex 3): per enterprise per campaign, signed by the head's own account,
/// due by the campaign's day (5/10) to its industry department. One per enterprise and campaign.
/// </summary>
public sealed class CommitmentReceipt : FieldRecord
{
    public string CampaignCode { get; set; } = string.Empty;

    /// <summary>The industry department it is sent to (the sector's lead department at the supervising level).</summary>
    public Guid? DepartmentId { get; set; }

    public string DepartmentName { get; set; } = string.Empty;

    public DateOnly DueOn { get; set; }

    public Guid? SignedByUserId { get; set; }

    public string? SignedBy { get; set; }

    public DateTimeOffset? SignedAt { get; set; }

    /// <summary>The China day of the signature: the day it counts as returned.</summary>
    public DateOnly? SignedOn { get; set; }

    public bool IsSigned => SignedAt is not null;

    public bool Late => SignedOn is { } d && d > DueOn;

    public Error? Sign(Guid userId, string name, bool isHead, DateTimeOffset at, DateOnly today)
    {
        if (!isHead)
        {
            return Error.Forbidden("承诺回执书须由企业主要负责人本人签署");
        }

        if (IsSigned)
        {
            return Error.Conflict("承诺回执书已签署");
        }

        SignedByUserId = userId;
        SignedBy = name;
        SignedAt = at;
        SignedOn = today;
        return null;
    }

    /// <summary>The receipt's text (000 annex 3), naming the department it goes to.</summary>
    public static string Text(string departmentName, string campaignName) =>
        $"本单位已收到{departmentName}发来的《致企业主要负责人安全生产的一封信》，并承诺主要负责人将认真落实《{campaignName}》中要求“突出主要负责人责任”的五项工作要求，推动企业员工落实安全生产岗位责任，组织隐患排查整改，消除重大事故隐患，坚决防范遏制各类生产安全事故发生。";
}

/// <summary>A campaign (SPEC §7) as the records need it: its days and the commitment receipt's due day.</summary>
public sealed class Campaign
{
    /// <summary>The day a view is "as of" by default: today while the campaign runs, its last day after it.</summary>
    public DateOnly AsOfDefault(DateOnly today) => today > EndsOn ? EndsOn : today;

    public const string Default = "ZX2023";

    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>The plan's title as the commitment receipt quotes it.</summary>
    public string PlanTitle { get; set; } = string.Empty;

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public DateOnly CommitmentDueOn { get; set; }

    public static Campaign Seed2023 => new()
    {
        Code = Default,
        Name = "重大事故隐患专项排查整治2023行动",
        PlanTitle = "全国重大事故隐患专项排查整治2023行动总体方案",
        StartsOn = new DateOnly(2023, 5, 1),
        EndsOn = new DateOnly(2023, 12, 31),
        CommitmentDueOn = new DateOnly(2023, 5, 10),
    };
}

/// <summary>
/// A prominent problem (突出问题, 003 §四 and 附件2) of an enterprise, a place or a jurisdiction: what it is,
/// its sector, whether a root-cause measure (治本措施) is in place, and the day it was rectified.
/// </summary>
public sealed class ProminentProblem : FieldRecord
{
    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string SectorCode { get; set; } = string.Empty;

    /// <summary>落实治本措施.</summary>
    public bool RootCauseMeasure { get; set; }

    public string? RootCauseDescription { get; set; }

    /// <summary>已整改: the day it was rectified (none while open).</summary>
    public DateOnly? RectifiedOn { get; set; }

    public uint Version { get; set; }

    public static Error? Check(string? title, DateOnly on, DateOnly? rectifiedOn, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Length > 200)
        {
            return Error.Invalid("title", "请填写突出问题（不超过200字）");
        }

        if (on > today)
        {
            return Error.Invalid("date", "梳理日期不能晚于今天");
        }

        if (RecordDates.Check(on, "date", "梳理日期") is { } outside)
        {
            return outside;
        }

        if (rectifiedOn is { } r && (r < on || r > today))
        {
            return Error.Invalid("rectifiedOn", "整改日期须在梳理日期之后、不晚于今天");
        }

        return null;
    }
}

/// <summary>
/// 004 (淮北市) 内部公示: the enterprise publishes its major-hazard list inside the company — the open hazards and those
/// rectified in the period with their 整改落实情况 — and this record keeps when, by whom (<see cref="FieldRecord.RecordedBy"/>,
/// <see cref="FieldRecord.On"/>) and what was published, so the township can see that it was.
/// </summary>
public sealed class HazardNotice : FieldRecord
{
    public const int MaxLines = 500;

    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    public int OpenCount { get; set; }

    public int RectifiedCount { get; set; }

    /// <summary>The list as published (a snapshot: later changes to the hazards do not alter what was posted).</summary>
    public List<HazardNoticeLine> Lines { get; set; } = [];

    public static Error? Check(DateOnly from, DateOnly to, DateOnly today)
    {
        if ((RecordDates.Check(from, "from", "公示期间的开始日期") ?? RecordDates.Check(to, "to", "公示期间的结束日期")) is { } outside)
        {
            return outside;
        }

        if (from > to)
        {
            return Error.Invalid("from", "公示期间的开始日期不能晚于结束日期");
        }

        if (to > today)
        {
            return Error.Invalid("to", "公示期间不能晚于今天");
        }

        return to.DayNumber - from.DayNumber > 366 ? Error.Invalid("from", "公示期间不超过一年") : null;
    }
}

/// <summary>A line of a published notice: the hazard as it stood that day.</summary>
public sealed class HazardNoticeLine
{
    public Guid HazardId { get; set; }

    public string Title { get; set; } = string.Empty;

    public string? Location { get; set; }

    public string Status { get; set; } = string.Empty;

    public string? Measures { get; set; }

    public string? ResponsiblePerson { get; set; }

    public string? ResponsibleDepartment { get; set; }

    public string? Acceptance { get; set; }

    public DateOnly? Deadline { get; set; }

    /// <summary>True for a hazard rectified in the period (整改落实情况 below), false for an open one.</summary>
    public bool Rectified { get; set; }

    public DateOnly? RectifiedOn { get; set; }

    public string? Rectification { get; set; }
}
