using HazardPortal.Core.Common;

namespace HazardPortal.Core.Records;

/// <summary>The kinds of inspection of SPEC §5.</summary>
public enum InspectionKind
{
    /// <summary>执法检查.</summary>
    Enforcement,

    /// <summary>抽查检查 of an enterprise's self-inspection.</summary>
    SpotCheck,

    /// <summary>督导检查.</summary>
    Supervisory,

    /// <summary>帮扶指导: non-enforcement help to an enterprise or a key township/county.</summary>
    Assistance,

    /// <summary>企业主要负责人带队检查.</summary>
    HeadLed,
}

/// <summary>The eight spot-check deficiency items (metric keys <c>spotcheck.&lt;key&gt;</c>) with the seeds' wording as help text.</summary>
public static class SpotCheckDeficiencies
{
    /// <summary>001 注2, word for word: what counts as 外包外租管理混乱.</summary>
    public const string OutsourcingNote = "外包外租管理混乱，是指符合以下情形之一的：承包承租方不具备安全生产条件、未取得相应资质，双方未签订安全生产协议，安全生产管理职责不清，未纳入本企业统一管理。（001注2）";

    public static readonly IReadOnlyList<(string Key, string Label, string Help)> All =
    [
        ("head_not_studied", "主要负责人未按要求亲自研究排查整治工作", "企业主要负责人未按要求亲自研究部署重大事故隐患排查整治工作"),
        ("head_not_led_inspection", "主要负责人未带队检查", "企业主要负责人未按要求带队开展重大事故隐患排查"),
        ("no_duty_list", "未制定分管负责人职责清单", "未制定分管负责人安全生产职责清单（001、003）"),
        ("no_all_staff_duty_list", "未制定全员安全生产责任制职责清单", "未制定全员安全生产责任制职责清单（002）"),
        ("no_safety_org", "未依法建立安全管理机构和配足安全管理人员", "未依法设置安全生产管理机构或配足安全生产管理人员"),
        ("uncertified_special_work", "电气焊等特种作业人员无证上岗", "电气焊等人员无证上岗作业，既要通过现场检查发现问题，也要通过对企业动火等特种作业存单进行检查核实来发现问题（001注2）"),
        ("outsourcing_chaos", "外包外租安全管理混乱", OutsourcingNote),
        ("no_drill", "未按规定开展应急演练或员工不熟悉逃生出口", "未按规定开展应急演练，或员工不熟悉逃生出口、逃生路线"),
    ];

    public static bool IsKnown(string key) => All.Any(d => d.Key == key);

    public static string Label(string key) => All.FirstOrDefault(d => d.Key == key).Label ?? key;
}

/// <summary>One listed inspector; signs with their own account (谁检查、谁签名、谁负责).</summary>
public sealed class InspectorSignature
{
    public Guid UserId { get; set; }

    public string Name { get; set; } = string.Empty;

    public DateTimeOffset? SignedAt { get; set; }
}

/// <summary>What an inspection says: the part a correction may change.</summary>
public sealed record InspectionContent(
    InspectionKind Kind, DateOnly On, Guid? EnterpriseId, Guid? PlaceId, string? TargetJurisdictionCode,
    IReadOnlyList<(Guid UserId, string Name)> Inspectors, IReadOnlyList<string> Deficiencies, IReadOnlyList<Guid> HazardIds, string? Notes);

/// <summary>
/// An inspection record (检查记录, SPEC §5). Editable until the first signature; each listed inspector
/// signs as themselves; once all have signed the record is frozen. A frozen record is corrected by an
/// amendment: a new record pointing at the original, which stays unchanged and visible, marked as
/// superseded; the forms count only records that are not superseded.
/// </summary>
public sealed class Inspection : FieldRecord
{
    public InspectionKind Kind { get; private set; }

    public string? TargetJurisdictionCode { get; private set; }

    public List<InspectorSignature> Inspectors { get; private set; } = [];

    public List<string> Deficiencies { get; private set; } = [];

    public List<Guid> HazardIds { get; private set; } = [];

    public string? Notes { get; private set; }

    public Guid? AmendsId { get; private set; }

    public Guid? SupersededById { get; private set; }

    public string? AmendmentReason { get; private set; }

    public DateTimeOffset? FrozenAt { get; private set; }

    public bool IsFrozen => FrozenAt is not null;

    /// <summary>Concurrency token (xmin): two inspectors signing at once must not lose a signature.</summary>
    public uint Version { get; set; }

    public static string KindName(InspectionKind kind) => kind switch
    {
        InspectionKind.Enforcement => "执法检查",
        InspectionKind.SpotCheck => "抽查检查",
        InspectionKind.Supervisory => "督导检查",
        InspectionKind.Assistance => "帮扶指导",
        InspectionKind.HeadLed => "主要负责人带队检查",
        _ => kind.ToString(),
    };

    /// <summary>Links a hazard found on this inspection; only before anyone has signed.</summary>
    public Error? LinkHazard(Guid hazardId)
    {
        if (IsSuperseded || Inspectors.Any(i => i.SignedAt is not null))
        {
            return Error.Conflict("已有检查人员签名，不能再关联隐患；如需更正请提交更正记录");
        }

        if (!HazardIds.Contains(hazardId))
        {
            HazardIds.Add(hazardId);
        }

        return null;
    }

    public bool IsSuperseded => SupersededById is not null;

    /// <summary>Checks a content against the rules every record obeys.</summary>
    public static Error? Check(InspectionContent c, DateOnly today)
    {
        if (c.On > today)
        {
            return Error.Invalid("date", "检查日期不能晚于今天");
        }

        if (c.Inspectors.Count == 0)
        {
            return Error.Invalid("inspectors", "请至少列出一名检查人员");
        }

        if (c.Inspectors.Select(i => i.UserId).Distinct().Count() != c.Inspectors.Count)
        {
            return Error.Invalid("inspectors", "检查人员不能重复");
        }

        var aimedAtJurisdiction = c.TargetJurisdictionCode is not null;
        if ((c.EnterpriseId is not null ? 1 : 0) + (c.PlaceId is not null ? 1 : 0) + (aimedAtJurisdiction ? 1 : 0) != 1)
        {
            return Error.Invalid("target", "请选择一个检查对象：企业、场所或帮扶的乡镇（县）");
        }

        if (aimedAtJurisdiction && c.Kind is not (InspectionKind.Assistance or InspectionKind.Supervisory))
        {
            return Error.Invalid("target", "只有帮扶指导和督导检查可以针对乡镇（县）");
        }

        if (c.Kind is InspectionKind.SpotCheck or InspectionKind.HeadLed && c.EnterpriseId is null)
        {
            return Error.Invalid("enterpriseId", c.Kind == InspectionKind.SpotCheck ? "抽查检查须针对一家企业" : "主要负责人带队检查须针对本企业");
        }

        if (c.Deficiencies.Count > 0 && c.Kind != InspectionKind.SpotCheck)
        {
            return Error.Invalid("deficiencies", "只有抽查检查记录问题项");
        }

        if (c.Deficiencies.FirstOrDefault(d => !SpotCheckDeficiencies.IsKnown(d)) is { } unknown)
        {
            return Error.Invalid("deficiencies", $"未知的问题项：{unknown}");
        }

        if (c.Deficiencies.Distinct().Count() != c.Deficiencies.Count)
        {
            return Error.Invalid("deficiencies", "问题项不能重复");
        }

        return c.Notes is { Length: > 4000 } ? Error.Invalid("notes", "检查情况不超过4000字") : null;
    }

    public static Result<Inspection> Create(InspectionContent content, DateOnly today)
    {
        if (Check(content, today) is { } invalid)
        {
            return invalid;
        }

        var inspection = new Inspection();
        inspection.Apply(content);
        return inspection;
    }

    /// <summary>Changes an unsigned record. Once anyone has signed, the content is what they signed.</summary>
    public Error? Edit(InspectionContent content, DateOnly today)
    {
        if (IsSuperseded)
        {
            return Error.Conflict("该记录已被更正，请修改更正后的记录");
        }

        if (Inspectors.Any(i => i.SignedAt is not null))
        {
            return Error.Conflict(IsFrozen ? "记录已全部签名确认，不能修改；如需更正请提交更正记录" : "已有检查人员签名，不能再修改内容");
        }

        if (Check(content, today) is { } invalid)
        {
            return invalid;
        }

        Apply(content);
        return null;
    }

    /// <summary>The signed-in user signs; the last signature freezes the record.</summary>
    public Error? Sign(Guid userId, DateTimeOffset at)
    {
        if (IsSuperseded)
        {
            return Error.Conflict("该记录已被更正，请在更正后的记录上签名");
        }

        var me = Inspectors.FirstOrDefault(i => i.UserId == userId);
        if (me is null)
        {
            return Error.Forbidden("只有列明的检查人员本人可以签名");
        }

        if (me.SignedAt is not null)
        {
            return Error.Conflict("您已签名");
        }

        me.SignedAt = at;
        if (Inspectors.All(i => i.SignedAt is not null))
        {
            FrozenAt = at;
        }

        return null;
    }

    /// <summary>
    /// Corrects a frozen record: returns the amendment (unsigned, to be signed again by its
    /// inspectors) and marks this record superseded. This record's content is not touched.
    /// </summary>
    public Result<Inspection> Amend(InspectionContent corrected, string reason, DateOnly today)
    {
        if (!IsFrozen)
        {
            return Error.Conflict("记录尚未全部签名，可直接修改，无需更正");
        }

        if (IsSuperseded)
        {
            return Error.Conflict("该记录已被更正，请更正最新的记录");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Error.Invalid("reason", "请填写更正理由");
        }

        if (corrected.Kind != Kind)
        {
            return Error.Invalid("kind", "更正不能改变检查类型");
        }

        var created = Create(corrected, today);
        if (!created.Succeeded)
        {
            return created.Error!;
        }

        var amendment = created.Value!;
        amendment.AmendsId = Id;
        amendment.AmendmentReason = reason.Trim();
        SupersededById = amendment.Id;
        return amendment;
    }

    private void Apply(InspectionContent c)
    {
        Kind = c.Kind;
        On = c.On;
        EnterpriseId = c.EnterpriseId;
        PlaceId = c.PlaceId;
        TargetJurisdictionCode = c.TargetJurisdictionCode;
        Inspectors = c.Inspectors.Select(i => new InspectorSignature { UserId = i.UserId, Name = i.Name }).ToList();
        Deficiencies = [.. c.Deficiencies];
        HazardIds = [.. c.HazardIds.Distinct()];
        Notes = c.Notes?.Trim();
    }
}
