using HazardPortal.Core.Common;

namespace HazardPortal.Core.Records;

/// <summary>组织领导活动 of a jurisdiction (SPEC §5), form section 4.</summary>
public enum LeadershipKind
{
    /// <summary>党委政府组织专题学习安全生产十五条硬措施.</summary>
    StudySession,

    /// <summary>党委政府主要负责同志专题研究.</summary>
    SpecialResearch,

    /// <summary>政府负责同志现场督导检查.</summary>
    OnsiteSupervision,

    /// <summary>安委会成员单位负责同志到企业宣讲.</summary>
    MemberBriefing,

    /// <summary>组织开展考核巡查督导检查.</summary>
    AssessmentInspection,
}

/// <summary>A leadership activity; belongs to the jurisdiction it was held for (the acting unit's node or below).</summary>
public sealed class LeadershipActivity : FieldRecord
{
    public LeadershipKind Kind { get; set; }

    public string Description { get; set; } = string.Empty;

    public static Error? Check(LeadershipKind kind, DateOnly on, string? description, DateOnly today)
    {
        if (!Enum.IsDefined(kind))
        {
            return Error.Invalid("kind", "请选择活动类型");
        }

        if (on > today)
        {
            return Error.Invalid("date", "日期不能晚于今天");
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            return Error.Invalid("description", "请填写活动内容");
        }

        return description.Length > 2000 ? Error.Invalid("description", "活动内容不超过2000字") : null;
    }

    public static string KindName(LeadershipKind kind) => kind switch
    {
        LeadershipKind.StudySession => "专题学习安全生产十五条硬措施",
        LeadershipKind.SpecialResearch => "主要负责同志专题研究",
        LeadershipKind.OnsiteSupervision => "政府负责同志现场督导检查",
        LeadershipKind.MemberBriefing => "安委会成员单位负责同志到企业宣讲",
        LeadershipKind.AssessmentInspection => "考核巡查督导检查",
        _ => kind.ToString(),
    };
}

/// <summary>
/// Dated facts of a jurisdiction (SPEC §5): whether a mainstream media column is set up (是否在主流媒体设置
/// 安全生产专题栏目) and the number of full- and part-time technical inspectors (配备专兼职技术检查员数量).
/// A form takes the latest on or before its as-of day; one row per jurisdiction and day.
/// </summary>
public sealed class JurisdictionFact : FieldRecord
{
    public bool MediaColumn { get; set; }

    public int TechnicalInspectors { get; set; }

    public static Error? Check(DateOnly asOf, int technicalInspectors, DateOnly today)
    {
        if (asOf > today)
        {
            return Error.Invalid("asOf", "日期不能晚于今天");
        }

        return technicalInspectors is < 0 or > 100000 ? Error.Invalid("technicalInspectors", "技术检查员人数须为0或正整数") : null;
    }
}

/// <summary>举报奖励: amount in 万元, anonymous or not; on a public report or recorded directly.</summary>
public sealed class Reward : FieldRecord
{
    public decimal AmountWan { get; set; }

    public bool Anonymous { get; set; }

    public Guid? PublicReportId { get; set; }

    public string? Notes { get; set; }

    public static Error? Check(DateOnly on, decimal amountWan, DateOnly today)
    {
        if (on > today)
        {
            return Error.Invalid("date", "日期不能晚于今天");
        }

        if (amountWan < 0)
        {
            return Error.Invalid("amountWan", "奖励金额不能为负数");
        }

        return amountWan > 10000 ? Error.Invalid("amountWan", "奖励金额以万元为单位，请核对") : null;
    }
}
