using HazardPortal.Core.Common;

namespace HazardPortal.Core.Records;

/// <summary>The measures of SPEC §5; a decision with several measures is one action per measure sharing the document number.</summary>
public enum EnforcementKind
{
    /// <summary>行政处罚 (fine in 万元).</summary>
    Penalty,

    /// <summary>一案双罚: the enterprise and its head.</summary>
    DualPenalty,

    /// <summary>移送司法机关 (persons).</summary>
    JudicialReferral,

    /// <summary>责令停产整顿.</summary>
    Suspension,

    /// <summary>暂扣吊销证照.</summary>
    LicenceSuspension,

    /// <summary>关闭取缔.</summary>
    Closure,

    /// <summary>曝光.</summary>
    Exposure,

    /// <summary>约谈 of an enterprise.</summary>
    Interview,

    /// <summary>联合惩戒.</summary>
    JointPunishment,

    /// <summary>公布典型执法案例 (flag: 危险作业罪).</summary>
    TypicalCase,

    /// <summary>责任倒查追责问责 (persons), aimed at a jurisdiction.</summary>
    Accountability,

    /// <summary>约谈通报有关地区及部门, aimed at a jurisdiction.</summary>
    RegionInterview,
}

/// <summary>The content of an enforcement action as submitted (the handler resolves the links).</summary>
public sealed record EnforcementContent(
    EnforcementKind Kind, DateOnly On, Guid? EnterpriseId, string? TargetJurisdictionCode, string? DocumentNumber,
    decimal? AmountWan, int? Persons, bool DangerousOperationCrime, Guid? HazardId, Guid? InspectionId, string? Notes);

/// <summary>An enforcement action (执法措施, SPEC §5) by a department, or by a 安委办 for the measures it takes.</summary>
public sealed class EnforcementAction : FieldRecord
{
    public EnforcementKind Kind { get; private set; }

    public string? TargetJurisdictionCode { get; private set; }

    /// <summary>执法文书编号; measures of one decision share it.</summary>
    public string? DocumentNumber { get; private set; }

    /// <summary>Fine in 万元 (penalties only), ≥ 0.</summary>
    public decimal? AmountWan { get; private set; }

    /// <summary>Persons referred or held accountable.</summary>
    public int? Persons { get; private set; }

    /// <summary>危险作业罪 case (typical cases only).</summary>
    public bool DangerousOperationCrime { get; private set; }

    public Guid? HazardId { get; private set; }

    public Guid? InspectionId { get; private set; }

    public string? Notes { get; private set; }

    /// <summary>Measures aimed at a region or a department: they belong to the acting unit's node.</summary>
    public static bool AimsAtJurisdiction(EnforcementKind kind) => kind is EnforcementKind.Accountability or EnforcementKind.RegionInterview;

    /// <summary>Measures that carry an amount in 万元.</summary>
    public static bool HasAmount(EnforcementKind kind) => kind is EnforcementKind.Penalty or EnforcementKind.DualPenalty;

    /// <summary>Measures counted in persons (人).</summary>
    public static bool CountsPersons(EnforcementKind kind) => kind is EnforcementKind.JudicialReferral or EnforcementKind.Accountability;

    /// <summary>Measures that rest on a written decision with a number.</summary>
    public static bool NeedsDocument(EnforcementKind kind) => kind is EnforcementKind.Penalty or EnforcementKind.DualPenalty
        or EnforcementKind.JudicialReferral or EnforcementKind.Suspension or EnforcementKind.LicenceSuspension or EnforcementKind.Closure;

    /// <summary>What a 安委办 may record itself; every measure is open to department inspectors.</summary>
    public static bool OfficeMayRecord(EnforcementKind kind) => kind is EnforcementKind.RegionInterview or EnforcementKind.Accountability
        or EnforcementKind.Exposure or EnforcementKind.TypicalCase;

    /// <summary>A typical case may be published for a jurisdiction without naming an enterprise.</summary>
    public static bool EnterpriseOptional(EnforcementKind kind) => kind == EnforcementKind.TypicalCase;

    public static Error? Check(EnforcementContent c, DateOnly today)
    {
        if (!Enum.IsDefined(c.Kind))
        {
            return Error.Invalid("kind", "请选择执法措施类型");
        }

        if (c.On > today)
        {
            return Error.Invalid("date", "日期不能晚于今天");
        }

        if (AimsAtJurisdiction(c.Kind))
        {
            if (c.TargetJurisdictionCode is null || c.EnterpriseId is not null)
            {
                return Error.Invalid("targetJurisdictionCode", "约谈通报和追责问责须选择被约谈、问责的地区（不选企业）");
            }
        }
        else if (c.TargetJurisdictionCode is not null)
        {
            return Error.Invalid("targetJurisdictionCode", "该措施针对企业，不能选择地区");
        }
        else if (c.EnterpriseId is null && !EnterpriseOptional(c.Kind))
        {
            return Error.Invalid("enterpriseId", "请选择被处理的企业");
        }

        if (c.AmountWan is < 0)
        {
            return Error.Invalid("amountWan", "罚款金额不能为负数");
        }

        if (c.AmountWan is > 100000)
        {
            return Error.Invalid("amountWan", "罚款金额以万元为单位，请核对");
        }

        if (c.AmountWan is not null && !HasAmount(c.Kind))
        {
            return Error.Invalid("amountWan", "只有行政处罚和一案双罚填写罚款金额");
        }

        if (HasAmount(c.Kind) && c.AmountWan is null)
        {
            return Error.Invalid("amountWan", "请填写罚款金额（万元），不罚款填0");
        }

        if (CountsPersons(c.Kind) && c.Persons is not > 0)
        {
            return Error.Invalid("persons", c.Kind == EnforcementKind.JudicialReferral ? "请填写移送司法机关的人数" : "请填写追责问责的人数");
        }

        if (c.Persons is not null && !CountsPersons(c.Kind))
        {
            return Error.Invalid("persons", "只有移送司法机关和追责问责填写人数");
        }

        if (c.Persons is > 10000)
        {
            return Error.Invalid("persons", "人数有误，请核对");
        }

        if (c.DangerousOperationCrime && c.Kind != EnforcementKind.TypicalCase)
        {
            return Error.Invalid("dangerousOperationCrime", "危险作业罪标记只用于公布的典型执法案例");
        }

        if (NeedsDocument(c.Kind) && string.IsNullOrWhiteSpace(c.DocumentNumber))
        {
            return Error.Invalid("documentNumber", "请填写执法文书编号");
        }

        if (c.DocumentNumber is { Length: > 100 })
        {
            return Error.Invalid("documentNumber", "文书编号不超过100字");
        }

        return c.Notes is { Length: > 2000 } ? Error.Invalid("notes", "备注不超过2000字") : null;
    }

    public static Result<EnforcementAction> Create(EnforcementContent c, DateOnly today)
    {
        if (Check(c, today) is { } invalid)
        {
            return invalid;
        }

        return new EnforcementAction
        {
            Kind = c.Kind,
            On = c.On,
            EnterpriseId = c.EnterpriseId,
            TargetJurisdictionCode = c.TargetJurisdictionCode,
            DocumentNumber = c.DocumentNumber?.Trim(),
            AmountWan = c.AmountWan,
            Persons = c.Persons,
            DangerousOperationCrime = c.DangerousOperationCrime,
            HazardId = c.HazardId,
            InspectionId = c.InspectionId,
            Notes = c.Notes?.Trim(),
        };
    }

    public static string KindName(EnforcementKind kind) => kind switch
    {
        EnforcementKind.Penalty => "行政处罚",
        EnforcementKind.DualPenalty => "一案双罚",
        EnforcementKind.JudicialReferral => "移送司法机关",
        EnforcementKind.Suspension => "责令停产整顿",
        EnforcementKind.LicenceSuspension => "暂扣吊销证照",
        EnforcementKind.Closure => "关闭取缔",
        EnforcementKind.Exposure => "曝光",
        EnforcementKind.Interview => "约谈",
        EnforcementKind.JointPunishment => "联合惩戒",
        EnforcementKind.TypicalCase => "公布典型执法案例",
        EnforcementKind.Accountability => "责任倒查追责问责",
        EnforcementKind.RegionInterview => "约谈通报有关地区及部门",
        _ => kind.ToString(),
    };
}
