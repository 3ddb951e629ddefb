using HazardPortal.Core.Common;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Dispatch;

/// <summary>Whom an issuance reaches: the issuer node's child jurisdictions, its departments, or both.</summary>
[Flags]
public enum Recipients
{
    None = 0,
    ChildJurisdictions = 1,
    Departments = 2,
}

/// <summary>
/// A template issued by one unit (a 安委办, or a township government for its villages) to the units
/// below it, with its cutoff day(s). Organisation data like the templates themselves: every unit reads
/// who issues what to it (not scoped); only the issuer changes it.
/// </summary>
public sealed class DispatchIssue
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string TemplateCode { get; set; } = string.Empty;

    public Guid IssuerUnitId { get; set; }

    public string IssuerJurisdictionCode { get; set; } = string.Empty;

    public LTree Path { get; set; }

    public Recipients Recipients { get; set; }

    /// <summary>Cutoff days of the month (several for templates due more than once a month).</summary>
    public List<int> CutoffDays { get; set; } = [];
}

public enum FormStatus
{
    Draft,
    Submitted,
    Returned,
    Accepted,
}

/// <summary>Where a unit stands with a form for a period, as the issuer's board and the form's header show it.</summary>
public enum BoardStatus
{
    /// <summary>未报: no form, or one never filled.</summary>
    Missing,

    /// <summary>填报中: being filled, never submitted.</summary>
    Draft,

    Submitted,

    /// <summary>已退回: returned, and not submitted again yet (even while its filler is correcting it).</summary>
    Returned,

    Accepted,
}

/// <summary>The one place that names a form's standing in Chinese and says what it means.</summary>
public static class FormStanding
{
    public static string Name(BoardStatus status) => status switch
    {
        BoardStatus.Missing => "未报",
        BoardStatus.Draft => "填报中",
        BoardStatus.Submitted => "已上报",
        BoardStatus.Returned => "已退回",
        BoardStatus.Accepted => "已通过",
        _ => status.ToString(),
    };

    /// <summary>A submission's status in words.</summary>
    public static string Name(FormStatus status) => status switch
    {
        FormStatus.Draft => "填报中",
        FormStatus.Submitted => "已上报",
        FormStatus.Returned => "已退回",
        FormStatus.Accepted => "已通过",
        _ => status.ToString(),
    };

    /// <summary>Not (yet) submitted for the period: what the board counts as 未报 and 催报 reminds.</summary>
    public static bool Owes(BoardStatus status) => status is BoardStatus.Missing or BoardStatus.Draft or BoardStatus.Returned;

    /// <summary>Never submitted at all (no submission to open from the board).</summary>
    public static bool NeverFiled(BoardStatus status) => status is BoardStatus.Missing or BoardStatus.Draft;

    /// <summary>
    /// A form's standing: a draft that was submitted before (a revision) came back and is 已退回 until it is submitted again;
    /// no form at all is 未报.
    /// </summary>
    public static BoardStatus Of(FormStatus? status, int revision) => status switch
    {
        null => BoardStatus.Missing,
        FormStatus.Draft => revision > 0 ? BoardStatus.Returned : BoardStatus.Draft,
        FormStatus.Submitted => BoardStatus.Submitted,
        FormStatus.Returned => BoardStatus.Returned,
        FormStatus.Accepted => BoardStatus.Accepted,
        _ => BoardStatus.Missing,
    };
}

/// <summary>What the filler entered for a cell: a value (null = take the computed value) and, for an override, the reason.</summary>
public sealed class FormEntry
{
    public string Key { get; set; } = string.Empty;

    public decimal? Value { get; set; }

    public string? OverrideReason { get; set; }
}

/// <summary>A frozen cell of a submission: the computed value at the time, the value reported and why they differ.</summary>
public sealed class SnapshotCell
{
    public string Key { get; set; } = string.Empty;

    public decimal Computed { get; set; }

    public decimal Value { get; set; }

    public string? OverrideReason { get; set; }
}

/// <summary>
/// One form per unit, template, period and cutoff (SPEC §6): a government's form (its node's subtree)
/// or a department's form (its own records). A submission freezes a snapshot as a new
/// <see cref="FormSubmission"/>; the form keeps the entries and the status of the latest one.
/// </summary>
public sealed class DispatchForm : IEnterpriseOwned, IBusinessRow, IScopeColumns
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string TemplateCode { get; set; } = string.Empty;

    /// <summary>The unit as the API names it: a jurisdiction code, or <c>dept:{id}</c>.</summary>
    public string UnitKey { get; set; } = string.Empty;

    public string UnitName { get; set; } = string.Empty;

    public string JurisdictionCode { get; set; } = string.Empty;

    public Guid? DepartmentId { get; set; }

    public LTree Path { get; set; }

    public string? ProvinceCode { get; private set; }

    public string? PrefectureCode { get; private set; }

    public string? CountyCode { get; private set; }

    public string? TownshipCode { get; private set; }

    /// <summary>Always null: forms are never an enterprise's.</summary>
    public Guid? EnterpriseId { get; private set; }

    public string Period { get; set; } = string.Empty;

    public int CutoffDay { get; set; }

    public DateOnly WindowStart { get; set; }

    public DateOnly AsOf { get; set; }

    public DateOnly DueOn { get; set; }

    /// <summary>Draft → Submitted → Accepted or Returned → (saved) Draft …; changed only by <see cref="Save"/>, <see cref="Submit"/> and <see cref="Review"/>.</summary>
    public FormStatus Status { get; private set; }

    public List<FormEntry> Entries { get; set; } = [];

    /// <summary>The number of submissions so far (the latest submission's revision).</summary>
    public int Revision { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? SubmittedBy { get; private set; }

    public bool Late { get; private set; }

    public string? ReturnReason { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ReviewedBy { get; private set; }

    /// <summary>The longest return reason (the column's bound).</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>
    /// Submits: a draft or returned form freezes its snapshot as the next revision (the checks and the reasons for
    /// warnings are the caller's, before this). A submitted or accepted form is refused.
    /// </summary>
    public Result<FormSubmission> Submit(IReadOnlyList<SnapshotCell> cells, IReadOnlyDictionary<string, string> warningReasons, DateTimeOffset at, string by, bool late)
    {
        if (IsFrozen)
        {
            return Error.Conflict(Status == FormStatus.Accepted ? "调度表已通过审核" : "调度表已上报，待审核");
        }

        var submission = new FormSubmission
        {
            FormId = Id, Path = Path, Revision = Revision + 1, SubmittedAt = at, SubmittedBy = by, Late = late, Status = FormStatus.Submitted,
            Cells = cells.ToList(), WarningReasons = warningReasons.ToDictionary(w => w.Key, w => w.Value),
        };
        (Revision, Status, SubmittedAt, SubmittedBy, Late, ReturnReason, ReviewedAt, ReviewedBy) = (submission.Revision, FormStatus.Submitted, at, by, late, null, null, null);
        return submission;
    }

    /// <summary>
    /// The issuer accepts the latest submission or returns it with a reason; the submission keeps the same outcome.
    /// Only a submitted form is reviewed, and only through its latest submission.
    /// </summary>
    public Error? Review(FormSubmission latest, bool accept, string? reason, DateTimeOffset at, string by)
    {
        if (Status != FormStatus.Submitted)
        {
            return Error.Conflict(Status == FormStatus.Accepted ? "调度表已通过审核" : "调度表尚未上报，不能审核");
        }

        if (latest.FormId != Id || latest.Revision != Revision)
        {
            return Error.Conflict("审核的不是本表最近一次上报");
        }

        if (!accept && string.IsNullOrWhiteSpace(reason))
        {
            return Error.Invalid("reason", "请填写退回理由");
        }

        if (reason is { Length: > MaxReasonLength })
        {
            return Error.Invalid("reason", $"退回理由不超过{MaxReasonLength}字");
        }

        Status = latest.Status = accept ? FormStatus.Accepted : FormStatus.Returned;
        ReturnReason = latest.ReturnReason = accept ? null : reason!.Trim();
        ReviewedAt = latest.ReviewedAt = at;
        ReviewedBy = latest.ReviewedBy = by;
        return null;
    }

    public DateTimeOffset CreatedAt { get; set; }

    public uint Version { get; set; }

    public bool IsFrozen => Status is FormStatus.Submitted or FormStatus.Accepted;

    public static string DepartmentKey(Guid departmentId) => $"dept:{departmentId}";

    /// <summary>
    /// Saves the filler's entries: an override (a value different from the computed one) needs a reason; a
    /// manual-only cell (no computation behind it) is simply filled, and an empty value clears it.
    /// </summary>
    public Error? Save(IReadOnlyCollection<FormEntry> entries, IReadOnlyDictionary<string, decimal> computed, IReadOnlySet<string> keys, IReadOnlySet<string>? manual = null)
    {
        manual ??= new HashSet<string>();
        if (IsFrozen)
        {
            return Error.Conflict(Status == FormStatus.Accepted ? "调度表已通过审核，不能修改" : "调度表已上报，待审核期间不能修改");
        }

        var errors = new Dictionary<string, string[]>();
        foreach (var entry in entries)
        {
            if (!keys.Contains(entry.Key))
            {
                errors[entry.Key] = ["本表没有此项"];
            }
            else if (entry.Value is < 0)
            {
                errors[entry.Key] = ["数值不能为负数"];
            }
            else if (entry.Value is { } v && !manual.Contains(entry.Key) && v != computed.GetValueOrDefault(entry.Key) && string.IsNullOrWhiteSpace(entry.OverrideReason))
            {
                errors[entry.Key] = ["修改台账计算值须填写理由（将向审核单位显示为“与台账不符”）"];
            }
            else if (entry.OverrideReason is { Length: > 500 })
            {
                errors[entry.Key] = ["理由不超过500字"];
            }
        }

        if (errors.Count > 0)
        {
            return Error.Invalid(errors);
        }

        foreach (var entry in entries)
        {
            Entries.RemoveAll(e => e.Key == entry.Key);
            if (manual.Contains(entry.Key))
            {
                if (entry.Value is not null)
                {
                    Entries.Add(new FormEntry { Key = entry.Key, Value = entry.Value, OverrideReason = string.IsNullOrWhiteSpace(entry.OverrideReason) ? null : entry.OverrideReason.Trim() });
                }

                continue;
            }

            var overridden = entry.Value is { } value && value != computed.GetValueOrDefault(entry.Key);
            if (overridden)
            {
                Entries.Add(new FormEntry { Key = entry.Key, Value = entry.Value, OverrideReason = entry.OverrideReason!.Trim() });
            }
        }

        if (Status == FormStatus.Returned)
        {
            Status = FormStatus.Draft;
        }

        return null;
    }

    /// <summary>The values the form reports now: the filler's overrides over the computed values.</summary>
    public Dictionary<string, decimal> Values(IReadOnlyDictionary<string, decimal> computed, IEnumerable<string> keys) =>
        keys.ToDictionary(k => k, k => Entries.FirstOrDefault(e => e.Key == k)?.Value ?? computed.GetValueOrDefault(k));
}

/// <summary>One submission of a form: the frozen snapshot and how the issuer answered it.</summary>
public sealed class FormSubmission : IEnterpriseOwned, IBusinessRow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid FormId { get; set; }

    public LTree Path { get; set; }

    public Guid? EnterpriseId { get; private set; }

    public int Revision { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public string SubmittedBy { get; set; } = string.Empty;

    public bool Late { get; set; }

    public List<SnapshotCell> Cells { get; set; } = [];

    /// <summary>Reasons given for the "lower than last accepted" warnings.</summary>
    public Dictionary<string, string> WarningReasons { get; set; } = [];

    public FormStatus Status { get; set; } = FormStatus.Submitted;

    public string? ReturnReason { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewedBy { get; set; }
}
