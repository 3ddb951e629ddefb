using HazardPortal.Core.Records;

namespace HazardPortal.Web.Features.Records;

/// <summary>The Excel columns of each record list (header, width, value).</summary>
public static class RecordColumns
{
    public static readonly IReadOnlyList<(string, double, Func<Inspections.Row, object?>)> Inspections =
    [
        ("检查类型", 14, r => r.KindName), ("检查日期", 11, r => r.Date), ("检查对象", 28, r => r.Subject), ("检查单位", 20, r => r.UnitName),
        ("检查人员（签名）", 26, r => r.Inspectors), ("问题项（项）", 10, r => r.Deficiencies), ("发现隐患（条）", 10, r => r.Hazards),
        ("已全部签名", 10, r => r.Frozen), ("已被更正", 10, r => r.Superseded),
    ];

    public static readonly IReadOnlyList<(string, double, Func<Enforcement.ActionDto, object?>)> Enforcement =
    [
        ("措施", 16, r => r.KindName), ("日期", 11, r => r.Date), ("对象", 28, r => r.Subject), ("文书编号", 22, r => r.DocumentNumber),
        ("罚款（万元）", 12, r => r.AmountWan), ("人数（人）", 10, r => r.Persons), ("危险作业罪", 10, r => r.DangerousOperationCrime),
        ("执法单位", 20, r => r.UnitName), ("记录人", 10, r => r.RecordedBy), ("备注", 30, r => r.Notes),
    ];

    public static readonly IReadOnlyList<(string, double, Func<Leadership.ActivityDto, object?>)> Activities =
    [
        ("地区", 14, r => r.JurisdictionName), ("活动类型", 28, r => r.KindName), ("日期", 11, r => r.Date), ("活动内容", 40, r => r.Description),
        ("记录单位", 20, r => r.UnitName), ("记录人", 10, r => r.RecordedBy),
    ];

    public static readonly IReadOnlyList<(string, double, Func<Leadership.RewardDto, object?>)> Rewards =
    [
        ("地区", 14, r => r.JurisdictionName), ("日期", 11, r => r.Date), ("奖励金额（万元）", 14, r => r.AmountWan), ("匿名举报", 10, r => r.Anonymous),
        ("关联举报", 10, r => r.PublicReportId is null ? "否" : "是"), ("备注", 30, r => r.Notes), ("记录单位", 20, r => r.UnitName),
    ];

    public static readonly IReadOnlyList<(string, double, Func<EnterpriseDuties.DrillDto, object?>)> Drills =
    [
        ("企业", 28, r => r.Enterprise), ("演练日期", 11, r => r.Date), ("演练科目", 30, r => r.Scenario), ("参演人数（人）", 12, r => r.Participants),
        ("备注", 30, r => r.Notes), ("记录人", 10, r => r.RecordedBy),
    ];

    public static readonly IReadOnlyList<(string, double, Func<EnterpriseDuties.DutyRow, object?>)> Duties =
    [
        ("企业", 28, r => r.Enterprise), ("所属区划", 12, r => r.Jurisdiction), ("高危行业", 8, r => r.HighRisk),
        ("带队检查未落实的期间", 30, r => string.Join("、", r.HeadInspectionMissed)), ("最近带队检查", 12, r => r.LastHeadInspection),
        ("应急演练未落实的期间", 30, r => string.Join("、", r.DrillMissed)), ("最近应急演练", 12, r => r.LastDrill),
    ];

    public static readonly IReadOnlyList<(string, double, Func<Risks.RiskDto, object?>)> Risks =
    [
        ("对象", 28, r => r.Subject), ("风险名称", 26, r => r.Name), ("行业领域", 10, r => r.SectorCode), ("基础清单", 8, r => r.BasicList),
        ("防控清单", 8, r => r.ControlList), ("责任清单", 8, r => r.ResponsibilityList), ("应急清单", 8, r => r.EmergencyList),
        ("已管控", 8, r => r.Controlled), ("老旧装置", 8, r => r.AgingEquipment), ("高危装置", 8, r => r.HighRiskEquipment), ("登记日期", 11, r => r.Date),
    ];

    public static readonly IReadOnlyList<(string, double, Func<Problems.ProblemDto, object?>)> Problems =
    [
        ("对象", 28, r => r.Subject), ("突出问题", 30, r => r.Title), ("行业领域", 10, r => r.SectorCode), ("梳理日期", 11, r => r.Date),
        ("落实治本措施", 10, r => r.RootCauseMeasure), ("治本措施", 30, r => r.RootCauseDescription), ("整改日期", 11, r => r.RectifiedOn), ("登记人", 12, r => r.RecordedBy),
    ];

    public static readonly IReadOnlyList<(string, double, Func<Commitments.StatusRow, object?>)> Commitments =
    [
        ("企业", 28, r => r.Enterprise), ("所属区划", 12, r => r.Jurisdiction), ("报送部门", 22, r => r.DepartmentName),
        ("报送情况", 10, r => Records.Commitments.StateName(r.State)), ("签署日期", 11, r => r.SignedOn), ("已逾期未报", 10, r => r.Overdue),
    ];
}
