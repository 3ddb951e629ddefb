namespace HazardPortal.Core.Flags;

/// <summary>The under-reporting and repeat flags (issue #6; the seeds' 屡查屡犯 and 弄虚作假).</summary>
public enum FlagRule
{
    /// <summary>No self-found major hazard for N months (default 3) while departments found at least one.</summary>
    SilentWhileDepartmentsFind,

    /// <summary>The same sector and basis clause again at one enterprise within N months (default 12) after verification.</summary>
    RepeatAfterVerification,

    /// <summary>A form whose override differs from the computed value by more than P% or N items, whichever is larger (defaults 10%, 2).</summary>
    OverrideDrift,

    /// <summary>A rectified major hazard without an after-photo, N days (default 0) after its rectification.</summary>
    RectifiedWithoutPhotos,

    /// <summary>A high-risk enterprise with no self-found major hazard for N months (default 2).</summary>
    HighRiskSilent,
}

/// <summary>A rule's description and its threshold(s): the main value and, for <see cref="FlagRule.OverrideDrift"/>, the item floor.</summary>
public sealed record FlagRuleInfo(FlagRule Rule, string Name, string Description, string ValueLabel, string ValueUnit, decimal DefaultValue, decimal MinValue, decimal MaxValue,
    string? ItemsLabel = null, decimal? DefaultItems = null, decimal? MaxItems = null);

/// <summary>The thresholds in force for one rule at one place: whether it runs, its value and (drift only) its item floor.</summary>
public sealed record FlagThreshold(FlagRule Rule, bool Enabled, decimal Value, decimal? Items, string? SetAt = null)
{
    public int Whole => (int)Value;
}

/// <summary>
/// The five rules as pure decisions over facts the finder reads (one place per rule: the SQL only narrows
/// the candidates to a superset, these say whether a candidate is flagged). Windows end on the as-of day
/// and are inclusive of their first day: "no self-found hazard for 3 months" as of 2023-08-31 means none
/// found on 2023-06-01 … 2023-08-31.
/// </summary>
public static class FlagRules
{
    public static readonly IReadOnlyList<FlagRuleInfo> Catalogue =
    [
        new(FlagRule.SilentWhileDepartmentsFind, "企业自查零上报而部门检查发现",
            "企业连续{0}个月未自查上报重大事故隐患，而同期监管部门（含乡镇、督导）检查发现了重大事故隐患（疑似隐患不报、弄虚作假）", "连续月数", "个月", 3, 1, 24),
        new(FlagRule.RepeatAfterVerification, "屡查屡犯",
            "同一企业同一行业、同一判定依据条款的隐患在验收销号后{0}个月内再次出现", "销号后月数", "个月", 12, 1, 36),
        new(FlagRule.OverrideDrift, "调度表填报值与系统计算值偏差过大",
            "调度表修改值与系统计算值相差超过{0}%或{1}个（取大者）", "偏差比例", "%", 10, 0, 100, "偏差个数", 2, 10_000),
        new(FlagRule.RectifiedWithoutPhotos, "已整改无整改后照片",
            "重大事故隐患已整改{0}天以上仍无整改后照片", "整改后天数", "天", 0, 0, 90),
        new(FlagRule.HighRiskSilent, "高危企业自查零上报",
            "高危行业企业连续{0}个月未自查上报重大事故隐患", "连续月数", "个月", 2, 1, 24),
    ];

    public static FlagRuleInfo Info(FlagRule rule) => Catalogue.Single(c => c.Rule == rule);

    public static FlagThreshold Default(FlagRule rule)
    {
        var info = Info(rule);
        return new FlagThreshold(rule, true, info.DefaultValue, info.DefaultItems);
    }

    /// <summary>The rule's description with its thresholds filled in.</summary>
    public static string Describe(FlagThreshold t) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Info(t.Rule).Description, t.Value.ToString("0.##"), t.Items?.ToString("0.##"));

    /// <summary>The first day of an N-month window ending on <paramref name="asOf"/> (inclusive).</summary>
    public static DateOnly WindowStart(DateOnly asOf, int months) => asOf.AddMonths(-months).AddDays(1);

    /// <summary>
    /// 企业自查零上报而部门检查发现: no self-found major hazard in the window while at least one department-found
    /// one is in it. <paramref name="lastSelfFound"/> is the latest self-found day on or before the as-of day.
    /// </summary>
    public static bool Silent(DateOnly? lastSelfFound, IEnumerable<DateOnly> departmentFound, DateOnly asOf, int months)
    {
        var start = WindowStart(asOf, months);
        return (lastSelfFound is null || lastSelfFound < start) && departmentFound.Any(d => d >= start && d <= asOf);
    }

    /// <summary>高危企业自查零上报: a high-risk enterprise with no self-found major hazard in the window.</summary>
    public static bool HighRiskSilent(bool highRisk, DateOnly? lastSelfFound, DateOnly asOf, int months) =>
        highRisk && (lastSelfFound is null || lastSelfFound < WindowStart(asOf, months));

    /// <summary>屡查屡犯: found after the earlier one's verification day and no later than N months after it (and by the as-of day).</summary>
    public static bool Repeat(DateOnly verifiedOn, DateOnly foundOn, DateOnly asOf, int months) =>
        foundOn > verifiedOn && foundOn <= verifiedOn.AddMonths(months) && foundOn <= asOf;

    /// <summary>The largest difference an override may have: P% of the computed value or N items, whichever is larger.</summary>
    public static decimal Tolerance(decimal computed, decimal percent, decimal items) => Math.Max(Math.Abs(computed) * percent / 100m, items);

    /// <summary>An override differing from the computed value by more than the tolerance (exactly at it is allowed).</summary>
    public static bool Drift(decimal computed, decimal value, decimal percent, decimal items) => Math.Abs(value - computed) > Tolerance(computed, percent, items);

    /// <summary>已整改无整改后照片: rectified at least N days before the as-of day with no after-photo.</summary>
    public static bool MissingPhotos(DateOnly rectifiedOn, bool hasAfterPhoto, DateOnly asOf, int graceDays) =>
        !hasAfterPhoto && rectifiedOn <= asOf && asOf.DayNumber - rectifiedOn.DayNumber >= graceDays;

    /// <summary>The threshold in force for a rule at a jurisdiction path: the deepest setting on the path, else the default.</summary>
    public static FlagThreshold Resolve(FlagRule rule, string path, IEnumerable<FlagSetting> settings)
    {
        var best = settings
            .Where(s => s.Rule == rule && (path == s.Path.ToString() || path.StartsWith(s.Path.ToString() + ".", StringComparison.Ordinal)))
            .MaxBy(s => s.Path.ToString().Length);
        return best is null ? Default(rule) : new FlagThreshold(rule, best.Enabled, best.Value, best.Items, best.JurisdictionCode);
    }
}
