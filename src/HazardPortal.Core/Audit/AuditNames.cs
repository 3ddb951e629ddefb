using System.Globalization;
using System.Text.Json;
using HazardPortal.Core.Hazards;

namespace HazardPortal.Core.Audit;

/// <summary>
/// What an audit row says to a person (issue #16 §5): the action's name in Chinese ("解锁账号", "隐患上报",
/// "退回调度表"), the affected account or record by name, and each changed field as a labelled before/after.
/// The names are stored with the row when it is written (searchable in Chinese); <see cref="Changes"/> reads the
/// stored before/after JSON. One catalogue for the log's page, its API and its export.
/// </summary>
public static class AuditNames
{
    /// <summary>The record kinds, in Chinese (the audit row's entity type).</summary>
    public static readonly IReadOnlyDictionary<string, string> Entities = new Dictionary<string, string>
    {
        ["AppUser"] = "账号", ["IdentityUserRole`1"] = "角色", ["AppRole"] = "角色", ["SecurityPolicy"] = "安全策略",
        ["Hazard"] = "隐患", ["Hazard.Plan"] = "整改方案", ["Hazard.Supervision"] = "挂牌督办", ["HazardEvent"] = "隐患处理记录",
        ["HazardPhoto"] = "隐患照片", ["HazardRoute"] = "隐患移交", ["Enterprise"] = "企业", ["Unit"] = "单位", ["Place"] = "场所",
        ["Jurisdiction"] = "行政区划", ["DispatchForm"] = "调度表", ["FormSubmission"] = "调度表上报快照", ["FormReminder"] = "催报",
        ["DispatchIssue"] = "调度表下发", ["DispatchTemplate"] = "调度表模板", ["Notification"] = "通知", ["PublicReport"] = "群众举报",
        ["PublicReportPhoto"] = "举报照片", ["Inspection"] = "检查记录", ["FieldRecord"] = "工作记录", ["CommitmentReceipt"] = "承诺回执书",
        ["Campaign"] = "专项行动", ["CampaignPhase"] = "行动阶段", ["CampaignTask"] = "任务清单", ["TaskCompletion"] = "任务完成情况",
        ["Deliverable"] = "报送材料", ["DeliverableUpload"] = "报送材料上传", ["FlagSetting"] = "预警规则", ["ProminentProblem"] = "突出问题",
    };

    /// <summary>Field labels in Chinese; a field not listed keeps its name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["Status"] = "状态", ["Title"] = "标题", ["Name"] = "名称", ["Description"] = "描述", ["Location"] = "位置", ["Grade"] = "等级",
        ["DueOn"] = "整改期限", ["Deadline"] = "期限", ["FoundOn"] = "发现日期", ["RectifiedOn"] = "整改完成日期", ["VerifiedOn"] = "验收日期",
        ["ReportedOn"] = "报告日期", ["ResponsiblePerson"] = "责任人", ["Measures"] = "整改措施", ["Funds"] = "整改资金（元）", ["EmergencyPlan"] = "应急预案",
        ["Level"] = "督办级别", ["TaggedOn"] = "挂牌日期", ["RemovedOn"] = "摘牌日期", ["DocumentNumber"] = "督办文号", ["Requirements"] = "督办要求",
        ["UserName"] = "账号", ["DisplayName"] = "姓名", ["Disabled"] = "停用", ["LockoutEnd"] = "锁定至", ["AccessFailedCount"] = "连续登录失败次数",
        ["LastSignInAt"] = "最近登录", ["PasswordHash"] = "密码", ["TwoFactorEnabled"] = "双因素认证", ["MustChangePassword"] = "须修改密码",
        ["RoleId"] = "角色", ["UserId"] = "账号", ["UnitName"] = "单位", ["Period"] = "期间", ["ReturnReason"] = "退回理由", ["SubmittedAt"] = "上报时间",
        ["SubmittedBy"] = "上报人", ["ReviewedAt"] = "审核时间", ["ReviewedBy"] = "审核人", ["Revision"] = "上报次数", ["Late"] = "逾期",
        ["Uscc"] = "统一社会信用代码", ["SectorCode"] = "行业领域", ["JurisdictionCode"] = "地区代码", ["Note"] = "备注", ["ReadAt"] = "阅读时间",
        ["CreatedAt"] = "创建时间", ["UpdatedAt"] = "更新时间", ["Enabled"] = "启用", ["Value"] = "数值", ["RemindedBy"] = "催报人", ["Notified"] = "通知人数",
        ["Kind"] = "类型", ["Text"] = "内容", ["Content"] = "内容", ["Size"] = "大小（字节）", ["FileName"] = "文件名",
        ["Entries"] = "填报数值", ["AwaitingRectification"] = "待整改", ["Acceptor"] = "验收人", ["VoidReason"] = "作废理由",
        ["ReportedToWorkersCongress"] = "双报告", ["RectificationDescription"] = "整改情况", ["Immediate"] = "即查即改", ["FoundBy"] = "发现人",
        ["BasisStandardCode"] = "判定标准", ["BasisClause"] = "判定条款", ["UnitKey"] = "填报单位", ["CutoffDay"] = "截止日", ["AsOf"] = "统计截至",
        ["Anonymous"] = "匿名", ["CheckFindings"] = "核查情况", ["CheckDueOn"] = "核查期限",
        ["CheckTownshipName"] = "核查乡镇", ["DismissReason"] = "不予立案理由", ["HazardId"] = "隐患", ["TriagedOn"] = "处理日期", ["TriagedBy"] = "处理人",
        ["RemindedOn"] = "催报日期", ["RemindedAt"] = "催报时间", ["Email"] = "邮箱", ["PhoneNumber"] = "电话", ["UnitId"] = "单位", ["EnterpriseId"] = "企业",
    };

    private static readonly Dictionary<string, string> Plain = new()
    {
        ["sign-in.succeeded"] = "登录成功", ["sign-in.failed"] = "登录失败", ["sign-in.refused-locked"] = "登录被拒（账号已锁定）",
        ["sign-in.refused-disabled"] = "登录被拒（账号已停用）", ["sign-in.mfa-required"] = "登录待双因素验证", ["sign-in.mfa-enrolment-required"] = "登录待设置双因素认证",
        ["sign-in.recovery-code-used"] = "使用恢复码登录", ["account.locked-out"] = "账号锁定", ["account.mfa-enabled"] = "启用双因素认证",
        ["job.escalation.run"] = "运行逾期提醒任务", ["sign-out"] = "退出登录", ["jurisdiction.villages-added"] = "接入村（社区）",
    };

    private static readonly Dictionary<string, string> Values = new()
    {
        ["True"] = "是", ["False"] = "否", ["true"] = "是", ["false"] = "否",
        ["Draft"] = "草稿", ["Registered"] = "已登记", ["Reported"] = "已报告", ["Rectified"] = "已整改", ["Verified"] = "已验收销号", ["Voided"] = "已作废",
        ["Submitted"] = "已上报", ["Returned"] = "已退回", ["Accepted"] = "已通过", ["Major"] = "重大", ["General"] = "一般",
        ["County"] = "县级", ["Prefecture"] = "市级", ["Province"] = "省级", ["Township"] = "乡镇级",
    };

    /// <summary>One changed field: its label and its before/after as a person reads them.</summary>
    public sealed record Change(string Field, string? Before, string? After);

    /// <summary>The action's name: a sign-in or job action by its code, a record's change by its kind and what changed.</summary>
    public static string ActionName(string action, string? entityType, IReadOnlyDictionary<string, string?>? before, IReadOnlyDictionary<string, string?>? after)
    {
        if (Plain.TryGetValue(action, out var plain))
        {
            return plain;
        }

        var verb = action.EndsWith(".created", StringComparison.Ordinal) ? "created" : action.EndsWith(".deleted", StringComparison.Ordinal) ? "deleted" : "updated";
        string? To(string field) => after is not null && after.TryGetValue(field, out var v) ? v : null;
        bool Changed(string field) => (after?.ContainsKey(field) ?? false) && verb == "updated";
        var noun = entityType is null ? "记录" : Entities.GetValueOrDefault(entityType, entityType);
        switch (entityType)
        {
            case "AppUser" when verb == "created":
                return "新建账号";
            case "AppUser" when Changed("LockoutEnd"):
                return string.IsNullOrEmpty(To("LockoutEnd")) ? "解锁账号" : "锁定账号";
            case "AppUser" when Changed("Disabled"):
                return To("Disabled") is "True" or "true" ? "停用账号" : "启用账号";
            case "AppUser" when Changed("PasswordHash"):
                return "重置密码";
            case "AppUser" when Changed("MfaSecret") || Changed("TwoFactorEnabled"):
                return "设置双因素认证";
            case "AppUser" when Changed("LastSignInAt") || Changed("AccessFailedCount"):
                return "更新登录状态";
            case "IdentityUserRole`1":
                return "修改角色";
            case "Hazard" when verb == "created":
                return "登记隐患";
            case "Hazard" when Changed("Status"):
                return To("Status") switch
                {
                    "Registered" => "隐患登记",
                    "Reported" => "隐患上报",
                    "Rectified" => "隐患整改完成",
                    "Verified" => "隐患验收销号",
                    "Voided" => "隐患作废",
                    _ => "修改隐患状态",
                };
            case "Hazard.Supervision" when Changed("RemovedOn"):
                return "摘牌";
            case "Hazard.Supervision":
                return verb == "created" ? "挂牌督办" : "修改挂牌督办";
            case "DispatchForm" when Changed("Status"):
                return To("Status") switch
                {
                    "Submitted" => "上报调度表",
                    "Returned" => "退回调度表",
                    "Accepted" => "审核通过调度表",
                    _ => "修改调度表",
                };
            case "DispatchForm" when verb == "updated":
                return "保存调度表";
            case "FormReminder":
                return "催报";
            case "Notification" when Changed("ReadAt"):
                return "阅读通知";
            case "Notification" when verb == "created":
                return "发送通知";
        }

        return (verb switch { "created" => "新增", "deleted" => "删除", _ => "修改" }) + noun;
    }

    /// <summary>The affected record's name as written on it (a hazard's title, a form's unit and period, an account's name), or null.</summary>
    public static string? SubjectName(object entity)
    {
        string? Prop(string name) => entity.GetType().GetProperty(name)?.GetValue(entity) switch
        {
            null => null,
            string s => string.IsNullOrWhiteSpace(s) ? null : s,
            var other => Convert.ToString(other, CultureInfo.InvariantCulture),
        };

        var name = Prop("UnitName") is { } unit && Prop("Period") is { } period
            ? $"{unit} {period}"
            : Prop("Title") ?? Prop("UserName") ?? Prop("Name") ?? Prop("DisplayName") ?? Prop("UnitName") ?? Prop("FileName");
        return name is null ? null : Cut(name, 200);
    }

    public static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>The changed fields of a row, labelled, with values as a person reads them (China time, 是/否, status names).</summary>
    public static List<Change> Changes(string? beforeJson, string? afterJson)
    {
        var before = Read(beforeJson);
        var after = Read(afterJson);
        var changed = before.Keys.Concat(after.Keys).Distinct()
            .Where(f => f is not "Id" and not "Path" and not "Version" and not "ConcurrencyStamp" and not "SecurityStamp")
            .Where(f => before.GetValueOrDefault(f) != after.GetValueOrDefault(f)).ToList();
        // A field the catalogue has no Chinese label for is not shown by its code name: it is counted, and the export
        // (which carries the raw before/after) has it.
        var changes = changed.Where(Fields.ContainsKey)
            .Select(f => new Change(Fields[f], Show(before.GetValueOrDefault(f)), Show(after.GetValueOrDefault(f)))).ToList();
        if (changed.Count(f => !Fields.ContainsKey(f)) is > 0 and var others)
        {
            changes.Add(new Change("其他字段", null, $"另有{others}项内部字段变化，详见导出文件"));
        }

        return changes;
    }

    /// <summary>A stored before/after JSON object as field → text.</summary>
    public static Dictionary<string, string?> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind != JsonValueKind.Object
                ? []
                : doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => p.Value.GetString(),
                    _ => p.Value.GetRawText(),
                });
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Show(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (Values.TryGetValue(value, out var named))
        {
            return named;
        }

        // Instants as China time; a plain date stays as it is.
        if (value.Length > 10 && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && value.Contains('T', StringComparison.Ordinal))
        {
            return ChinaTime.Format(at, "yyyy-MM-dd HH:mm:ss");
        }

        return Cut(value, 500);
    }
}
