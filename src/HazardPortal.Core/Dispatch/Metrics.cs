namespace HazardPortal.Core.Dispatch;

/// <summary>How a metric rolls up a subtree (SPEC §6).</summary>
public enum RollUp
{
    /// <summary>Counts and money: the children's values add up.</summary>
    Sum,

    /// <summary>家: an enterprise counted once however often it appears (children are disjoint, so they add up too).</summary>
    DistinctEnterprises,

    /// <summary>Yes/no: yes when any node says yes.</summary>
    Any,

    /// <summary>Stock figures: the sum of each node's latest value on or before the as-of day.</summary>
    Latest,
}

/// <summary>The record family a metric counts; each is one aggregate over one table in <see cref="MetricComputer"/>.</summary>
public enum MetricFamily
{
    /// <summary>Major hazards (never drafts or voided).</summary>
    Hazards,

    /// <summary>Signed, current spot checks and assistance visits.</summary>
    Inspections,

    /// <summary>Enforcement actions.</summary>
    Enforcement,

    /// <summary>组织领导 activities.</summary>
    Leadership,

    /// <summary>举报奖励.</summary>
    Rewards,

    /// <summary>Dated jurisdiction facts: each node's latest on or before the as-of day.</summary>
    Facts,
}

/// <summary>
/// One metric: a stable key, its unit, how it rolls up, the section it belongs to, and its definition — the record
/// family it counts and the aggregate over that family's rows (<c>h</c> hazards, <c>i</c> inspections, <c>a</c>
/// enforcement actions, <c>l</c> activities, <c>w</c> rewards, <c>x</c> each node's latest facts) that
/// <see cref="MetricComputer"/> selects under the metric's key (a cell of 003 附件2's matrix has its own computation,
/// <see cref="SectorMatrixComputer"/>, and no family). The maintained aggregates (the contribution triggers of
/// migration MetricAggregates, and <c>metric_catalogue</c> for <c>hp_epoch_rows</c>) are checked against it.
/// </summary>
public sealed record Metric(string Key, string Unit, RollUp RollUp, string Section, MetricFamily? Family = null, string Sql = "")
{
    public bool IsYesNo => RollUp == RollUp.Any;

    public bool IsMoney => Unit == "万元";
}

/// <summary>The metric catalogue: every computed cell of every form (SPEC §6), each with its definition (family and aggregate).</summary>
public static class Metrics
{
    public const string Overall = "总体情况";
    public const string SpotChecks = "抽查检查情况";
    public const string Enforcement = "部门精准严格执法情况";
    public const string Leadership = "党委政府组织领导情况";

    public static readonly IReadOnlyList<Metric> All =
    [
        new("hazards.self.found", "个", RollUp.Sum, Overall,
            MetricFamily.Hazards, "count(*) FILTER (WHERE h.source = 'SelfInspection' AND h.found_on BETWEEN @s AND @d)"),
        new("hazards.self.rectified", "个", RollUp.Sum, Overall,
            MetricFamily.Hazards, $"count(*) FILTER (WHERE h.source = 'SelfInspection' AND h.found_on BETWEEN @s AND @d AND {MetricComputer.RectifiedAsOfSql})"),
        new("hazards.dept.found", "个", RollUp.Sum, Overall,
            MetricFamily.Hazards, "count(*) FILTER (WHERE h.source <> 'SelfInspection' AND h.found_on BETWEEN @s AND @d)"),
        new("hazards.dept.rectified", "个", RollUp.Sum, Overall,
            MetricFamily.Hazards, $"count(*) FILTER (WHERE h.source <> 'SelfInspection' AND h.found_on BETWEEN @s AND @d AND {MetricComputer.RectifiedAsOfSql})"),
        new("hazards.supervised", "个", RollUp.Sum, Overall,
            MetricFamily.Hazards, "count(*) FILTER (WHERE h.supervision_tagged_on BETWEEN @s AND @d)"),
        new("hazards.supervised.rectified", "个", RollUp.Sum, Overall,
            MetricFamily.Hazards, $"count(*) FILTER (WHERE h.supervision_tagged_on BETWEEN @s AND @d AND {MetricComputer.RectifiedAsOfSql})"),
        new("spotcheck.enterprises", "家", RollUp.DistinctEnterprises, SpotChecks,
            MetricFamily.Inspections, "count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck')"),
        new("spotcheck.head_not_studied", "家", RollUp.DistinctEnterprises, SpotChecks,
            MetricFamily.Inspections, "count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'head_not_studied' = ANY (i.deficiencies))"),
        new("spotcheck.head_not_led_inspection", "家", RollUp.DistinctEnterprises, SpotChecks,
            MetricFamily.Inspections, "count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'head_not_led_inspection' = ANY (i.deficiencies))"),
        new("spotcheck.no_duty_list", "家", RollUp.DistinctEnterprises, SpotChecks,
            MetricFamily.Inspections, "count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'no_duty_list' = ANY (i.deficiencies))"),
        new("spotcheck.no_all_staff_duty_list", "家", RollUp.DistinctEnterprises, SpotChecks,
            MetricFamily.Inspections, "count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'no_all_staff_duty_list' = ANY (i.deficiencies))"),
        new("spotcheck.no_safety_org", "家", RollUp.DistinctEnterprises, SpotChecks,
            MetricFamily.Inspections, "count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'no_safety_org' = ANY (i.deficiencies))"),
        new("spotcheck.uncertified_special_work", "家", RollUp.DistinctEnterprises, SpotChecks,
            MetricFamily.Inspections, "count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'uncertified_special_work' = ANY (i.deficiencies))"),
        new("spotcheck.outsourcing_chaos", "家", RollUp.DistinctEnterprises, SpotChecks,
            MetricFamily.Inspections, "count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'outsourcing_chaos' = ANY (i.deficiencies))"),
        new("spotcheck.no_drill", "家", RollUp.DistinctEnterprises, SpotChecks,
            MetricFamily.Inspections, "count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'no_drill' = ANY (i.deficiencies))"),
        new("assist.key_regions", "个次", RollUp.Sum, Enforcement,
            MetricFamily.Inspections, "count(*) FILTER (WHERE i.kind = 'Assistance' AND i.target_jurisdiction_code IS NOT NULL)"),
        new("assist.key_enterprises", "家次", RollUp.Sum, Enforcement,
            MetricFamily.Inspections, "count(*) FILTER (WHERE i.kind = 'Assistance' AND (i.enterprise_id IS NOT NULL OR i.place_id IS NOT NULL))"),
        new("enforcement.penalty.count", "次", RollUp.Sum, Enforcement,
            MetricFamily.Enforcement, "count(*) FILTER (WHERE a.kind IN ('Penalty', 'DualPenalty'))"),
        new("enforcement.penalty.amount", "万元", RollUp.Sum, Enforcement,
            MetricFamily.Enforcement, "coalesce(sum(a.amount_wan) FILTER (WHERE a.kind IN ('Penalty', 'DualPenalty')), 0)"),
        new("enforcement.dual_penalty", "次", RollUp.Sum, Enforcement,
            MetricFamily.Enforcement, "count(*) FILTER (WHERE a.kind = 'DualPenalty')"),
        new("enforcement.judicial_referral.persons", "人", RollUp.Sum, Enforcement,
            MetricFamily.Enforcement, "coalesce(sum(a.persons) FILTER (WHERE a.kind = 'JudicialReferral'), 0)"),
        new("enforcement.suspension.enterprises", "家", RollUp.DistinctEnterprises, Enforcement,
            MetricFamily.Enforcement, "count(DISTINCT a.enterprise_id) FILTER (WHERE a.kind = 'Suspension')"),
        new("enforcement.exposure.enterprises", "家", RollUp.DistinctEnterprises, Enforcement,
            MetricFamily.Enforcement, "count(DISTINCT a.enterprise_id) FILTER (WHERE a.kind IN ('Exposure', 'Interview', 'JointPunishment'))"),
        new("enforcement.typical_cases", "个", RollUp.Sum, Enforcement,
            MetricFamily.Enforcement, "count(*) FILTER (WHERE a.kind = 'TypicalCase')"),
        new("enforcement.typical_cases.dangerous_operation_crime", "个", RollUp.Sum, Enforcement,
            MetricFamily.Enforcement, "count(*) FILTER (WHERE a.kind = 'TypicalCase' AND a.dangerous_operation_crime)"),
        new("enforcement.accountability.persons", "人", RollUp.Sum, Enforcement,
            MetricFamily.Enforcement, "coalesce(sum(a.persons) FILTER (WHERE a.kind = 'Accountability'), 0)"),
        new("enforcement.interviews", "次", RollUp.Sum, Enforcement,
            MetricFamily.Enforcement, "count(*) FILTER (WHERE a.kind = 'RegionInterview')"),
        new("leadership.study_sessions", "次", RollUp.Sum, Leadership,
            MetricFamily.Leadership, "count(*) FILTER (WHERE l.kind = 'StudySession')"),
        new("leadership.special_research", "次", RollUp.Sum, Leadership,
            MetricFamily.Leadership, "count(*) FILTER (WHERE l.kind = 'SpecialResearch')"),
        new("leadership.onsite_supervision", "次", RollUp.Sum, Leadership,
            MetricFamily.Leadership, "count(*) FILTER (WHERE l.kind = 'OnsiteSupervision')"),
        new("leadership.member_briefings", "次", RollUp.Sum, Leadership,
            MetricFamily.Leadership, "count(*) FILTER (WHERE l.kind = 'MemberBriefing')"),
        new("leadership.assessment_inspections", "次", RollUp.Sum, Leadership,
            MetricFamily.Leadership, "count(*) FILTER (WHERE l.kind = 'AssessmentInspection')"),
        new("leadership.rewards.amount", "万元", RollUp.Sum, Leadership,
            MetricFamily.Rewards, "coalesce(sum(w.amount_wan), 0)"),
        new("leadership.rewards.anonymous_amount", "万元", RollUp.Sum, Leadership,
            MetricFamily.Rewards, "coalesce(sum(w.amount_wan) FILTER (WHERE w.anonymous), 0)"),
        new("leadership.media_column", "是/否", RollUp.Any, Leadership,
            MetricFamily.Facts, "coalesce(bool_or(x.media_column), false)"),
        new("leadership.technical_inspectors", "人", RollUp.Latest, Leadership,
            MetricFamily.Facts, "coalesce(sum(x.technical_inspectors), 0)"),
    ];

    private static readonly Dictionary<string, Metric> ByKey = All.ToDictionary(m => m.Key);

    /// <summary>A metric of the catalogue, or a cell of 003 附件2's matrix (<c>row:column</c>) with its column's unit and roll-up.</summary>
    public static Metric? Find(string key) =>
        ByKey.GetValueOrDefault(key)
        ?? (SectorMatrix.TryParse(key, out _, out var column) && column.Kind != MatrixColumnKind.Rate
            ? new Metric(key, column.Unit, column.Kind == MatrixColumnKind.Distinct ? RollUp.DistinctEnterprises : RollUp.Sum, column.Group)
            : null);

    public static bool IsKnown(string key) => Find(key) is not null;

    /// <summary>Rolls children's values up by the metric's rule (children are disjoint subtrees).</summary>
    public static decimal Combine(Metric metric, IEnumerable<decimal> values) => metric.RollUp switch
    {
        RollUp.Any => values.Any(v => v != 0) ? 1 : 0,
        _ => values.Sum(),
    };

    /// <summary>The checks before submit (SPEC §6): pairs where the first may not exceed the second.</summary>
    public static readonly IReadOnlyList<(string Key, string Limit, string Rule, string Message)> Checks =
    [
        ("hazards.self.rectified", "hazards.self.found", "rectified_le_found", "已完成整改的隐患数不能大于发现的隐患数"),
        ("hazards.dept.rectified", "hazards.dept.found", "rectified_le_found", "已完成整改的隐患数不能大于发现的隐患数"),
        ("hazards.supervised.rectified", "hazards.supervised", "rectified_le_found", "已完成整改的挂牌督办隐患数不能大于挂牌督办隐患数"),
        ("spotcheck.head_not_studied", "spotcheck.enterprises", "deficiency_le_checked", "问题企业数不能大于抽查检查的企业总数"),
        ("spotcheck.head_not_led_inspection", "spotcheck.enterprises", "deficiency_le_checked", "问题企业数不能大于抽查检查的企业总数"),
        ("spotcheck.no_duty_list", "spotcheck.enterprises", "deficiency_le_checked", "问题企业数不能大于抽查检查的企业总数"),
        ("spotcheck.no_all_staff_duty_list", "spotcheck.enterprises", "deficiency_le_checked", "问题企业数不能大于抽查检查的企业总数"),
        ("spotcheck.no_safety_org", "spotcheck.enterprises", "deficiency_le_checked", "问题企业数不能大于抽查检查的企业总数"),
        ("spotcheck.uncertified_special_work", "spotcheck.enterprises", "deficiency_le_checked", "问题企业数不能大于抽查检查的企业总数"),
        ("spotcheck.outsourcing_chaos", "spotcheck.enterprises", "deficiency_le_checked", "问题企业数不能大于抽查检查的企业总数"),
        ("spotcheck.no_drill", "spotcheck.enterprises", "deficiency_le_checked", "问题企业数不能大于抽查检查的企业总数"),
        ("enforcement.typical_cases.dangerous_operation_crime", "enforcement.typical_cases", "crime_le_cases", "危险作业罪案例数不能大于典型执法案例数"),
        ("leadership.rewards.anonymous_amount", "leadership.rewards.amount", "anonymous_le_rewards", "匿名举报查实奖励不能大于举报奖励总额"),
    ];
}
