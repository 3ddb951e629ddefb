using HazardPortal.Core.Common;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Hazards;

/// <summary>五落实: responsible person, measures, funds, deadline, emergency plan.</summary>
public sealed class RectificationPlan
{
    public string? ResponsiblePerson { get; set; }

    public string? Measures { get; set; }

    /// <summary>Funds in 元, ≥ 0.</summary>
    public decimal? Funds { get; set; }

    public DateOnly? Deadline { get; set; }

    public string? EmergencyPlan { get; set; }

    public bool IsComplete =>
        !string.IsNullOrWhiteSpace(ResponsiblePerson) && !string.IsNullOrWhiteSpace(Measures)
        && Funds is >= 0 && Deadline is not null && !string.IsNullOrWhiteSpace(EmergencyPlan);
}

/// <summary>挂牌督办: level, tagging unit, tag day, required deadline; removal after verification.</summary>
public sealed class Supervision
{
    public SupervisionLevel Level { get; set; }

    public Guid UnitId { get; set; }

    public string UnitName { get; set; } = string.Empty;

    public DateOnly TaggedOn { get; set; }

    public DateOnly Deadline { get; set; }

    public DateOnly? RemovedOn { get; set; }
}

/// <summary>Who is acting: the signed-in user and their unit, as the workflow needs them.</summary>
public sealed record HazardActor(Guid UserId, string Name, Guid? UnitId, string UnitName, IReadOnlyCollection<string> Roles, Guid? EnterpriseId)
{
    public bool Has(string role) => Roles.Contains(role);

    public bool IsEnterpriseUser => Roles.Any(Identity.Roles.IsEnterpriseRole);
}

/// <summary>
/// A hazard of one subject (an enterprise or a registered place) and its closed loop (SPEC §4).
/// Every transition is a method that refuses what the workflow forbids and appends an event; the
/// event history answers "rectified as of day D" for any past day.
/// </summary>
public class Hazard : IEnterpriseOwned, IBusinessRow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public SubjectKind SubjectKind { get; set; }

    public Guid? EnterpriseId { get; set; }

    public Guid? PlaceId { get; set; }

    public required string JurisdictionCode { get; set; }

    public LTree Path { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public string? Location { get; set; }

    public required string SectorCode { get; set; }

    public HazardGrade Grade { get; set; }

    public HazardSource Source { get; set; }

    public string? BasisStandardCode { get; set; }

    public string? BasisClause { get; set; }

    public DateOnly FoundOn { get; set; }

    public string FoundBy { get; set; } = string.Empty;

    /// <summary>即查即改: rectified on the spot at registration (still verified afterwards).</summary>
    public bool Immediate { get; set; }

    public RectificationPlan Plan { get; set; } = new();

    public HazardStatus Status { get; set; }

    public DateOnly? ReportedOn { get; set; }

    /// <summary>双报告: also reported to the workers' congress (002).</summary>
    public bool ReportedToWorkersCongress { get; set; }

    public DateOnly? RectifiedOn { get; set; }

    public string? RectificationDescription { get; set; }

    public Guid? RectifiedByUserId { get; set; }

    public DateOnly? VerifiedOn { get; set; }

    public Guid? AcceptorUserId { get; set; }

    public string? Acceptor { get; set; }

    public Supervision? Supervision { get; set; }

    public string? VoidReason { get; set; }

    /// <summary>他查: registered by a department for an enterprise that had not self-reported it.</summary>
    public bool OtherFound { get; set; }

    public Guid RegisteredByUnitId { get; set; }

    public string RegisteredByUnitName { get; set; } = string.Empty;

    public Guid RegisteredByUserId { get; set; }

    public string? IdempotencyKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>PostgreSQL xmin: the optimistic concurrency token clients send back as "version".</summary>
    public uint Version { get; set; }

    public List<HazardEvent> Events { get; set; } = [];

    public List<HazardRoute> Routes { get; set; } = [];

    /// <summary>The deadline in force: the plan's (after extensions), or the supervision's if earlier.</summary>
    public DateOnly? CurrentDeadline =>
        Supervision is { RemovedOn: null } s && (Plan.Deadline is null || s.Deadline < Plan.Deadline) ? s.Deadline : Plan.Deadline;

    public bool IsOpen => Status is HazardStatus.Registered or HazardStatus.Reported;

    /// <summary>逾期: past the current deadline and not rectified.</summary>
    public bool IsOverdue(DateOnly today) =>
        IsOpen && RectifiedOn is null && CurrentDeadline is { } d && today > d;

    /// <summary>临期: the deadline falls within the next 7 days (today included) and it is not rectified.</summary>
    public bool IsDueSoon(DateOnly today) =>
        IsOpen && RectifiedOn is null && CurrentDeadline is { } d && d >= today && d.DayNumber - today.DayNumber <= 7;

    /// <summary>自查已报告，依法不予处罚: self-found, reported, not overdue.</summary>
    public bool IsExempt(DateOnly today) =>
        Source == HazardSource.SelfInspection && ReportedOn is not null && !IsOverdue(today)
        && Status is not (HazardStatus.Voided or HazardStatus.Draft);

    /// <summary>Creates a hazard from a registration; it stays a draft when a major hazard has neither 即查即改 nor a complete plan.</summary>
    public static Result<Hazard> Register(HazardRegistration r, HazardActor actor, DateOnly today)
    {
        if (r.FoundOn > today)
        {
            return Error.Invalid("foundOn", "发现日期不能晚于今天");
        }

        if (r.Plan.Deadline is { } deadline && deadline < r.FoundOn)
        {
            return Error.Invalid("plan.deadline", "整改期限不能早于发现日期");
        }

        if (r.Plan.Funds is < 0)
        {
            return Error.Invalid("plan.funds", "整改资金不能为负数");
        }

        if (r.Immediate && (r.RectifiedOn is null || string.IsNullOrWhiteSpace(r.RectificationDescription)))
        {
            return Error.Invalid("rectification", "即查即改须填写整改日期和整改情况");
        }

        if (r.Immediate && (r.RectifiedOn < r.FoundOn || r.RectifiedOn > today))
        {
            return Error.Invalid("rectifiedOn", "整改日期须在发现日期与今天之间");
        }

        var expected = SourceFor(actor);
        if (expected is null)
        {
            return Error.Forbidden("您的角色不能登记隐患");
        }

        if (r.Source != expected && !(r.Source == HazardSource.PublicReport && actor.Has(Identity.Roles.SafetyOffice)))
        {
            return Error.Invalid("source", $"您的角色登记的隐患来源应为“{HazardNames.Source(expected.Value)}”");
        }

        var hazard = new Hazard
        {
            SubjectKind = r.SubjectKind,
            EnterpriseId = r.EnterpriseId,
            PlaceId = r.PlaceId,
            JurisdictionCode = r.JurisdictionCode,
            Path = new LTree(r.Path),
            Title = r.Title.Trim(),
            Description = r.Description?.Trim(),
            Location = r.Location?.Trim(),
            SectorCode = r.SectorCode,
            Grade = r.Grade,
            Source = r.Source,
            BasisStandardCode = r.BasisStandardCode,
            BasisClause = r.BasisClause?.Trim(),
            FoundOn = r.FoundOn,
            FoundBy = string.IsNullOrWhiteSpace(r.FoundBy) ? actor.Name : r.FoundBy.Trim(),
            Immediate = r.Immediate,
            Plan = r.Plan,
            RegisteredByUnitId = actor.UnitId ?? actor.EnterpriseId ?? Guid.Empty,
            RegisteredByUnitName = actor.UnitName,
            RegisteredByUserId = actor.UserId,
            ReportedToWorkersCongress = r.ReportedToWorkersCongress,
            OtherFound = r.Source != HazardSource.SelfInspection && r.SubjectKind == SubjectKind.Enterprise && !r.SubjectHasSelfReportedIt,
            IdempotencyKey = r.IdempotencyKey,
        };

        var complete = r.Immediate || r.Plan.IsComplete;
        hazard.Status = r.Grade == HazardGrade.Major && !complete ? HazardStatus.Draft : HazardStatus.Registered;
        hazard.AddEvent(HazardEventKind.Registered, r.FoundOn, actor, hazard.Status == HazardStatus.Draft ? "草稿：重大隐患须即查即改或填写完整的“五落实”" : null);

        if (r.Immediate)
        {
            hazard.RectifiedOn = r.RectifiedOn;
            hazard.RectificationDescription = r.RectificationDescription?.Trim();
            hazard.RectifiedByUserId = actor.UserId;
            hazard.AddEvent(HazardEventKind.Rectified, r.RectifiedOn!.Value, actor, "即查即改：" + hazard.RectificationDescription);
        }

        // A hazard a department, township or office registers is reported on its found day.
        if (hazard.Status != HazardStatus.Draft && hazard.Source != HazardSource.SelfInspection)
        {
            hazard.MarkReported(hazard.FoundOn, actor);
        }

        return hazard;
    }

    /// <summary>The source a role registers under (SPEC §4); null when the role cannot register.</summary>
    public static HazardSource? SourceFor(HazardActor actor) =>
        actor.IsEnterpriseUser ? HazardSource.SelfInspection
        : actor.Has(Identity.Roles.DepartmentInspector) ? HazardSource.DepartmentInspection
        : actor.Has(Identity.Roles.TownshipCadre) ? HazardSource.TownshipInspection
        : actor.Has(Identity.Roles.SafetyOffice) ? HazardSource.SupervisoryInspection
        : null;

    /// <summary>Completes a draft: it becomes registered once the plan or 即查即改 is there.</summary>
    public Error? Complete(RectificationPlan plan, HazardActor actor, DateOnly today)
    {
        if (Status != HazardStatus.Draft)
        {
            return Error.Conflict("只有草稿可以补全登记");
        }

        if (!plan.IsComplete)
        {
            return Error.Invalid("plan", "重大隐患须填写完整的“五落实”：责任人、措施、资金、期限、应急预案");
        }

        if (plan.Deadline < FoundOn)
        {
            return Error.Invalid("plan.deadline", "整改期限不能早于发现日期");
        }

        Plan = plan;
        Status = HazardStatus.Registered;
        AddEvent(HazardEventKind.Edited, today, actor, "补全“五落实”，登记完成");
        if (Source != HazardSource.SelfInspection)
        {
            MarkReported(FoundOn, actor);
        }

        return null;
    }

    /// <summary>
    /// Edits the descriptive fields (title, description, location, basis) and, for a draft only, the
    /// plan; dates of record and the status change only through the transitions.
    /// </summary>
    public Error? Edit(string title, string? description, string? location, string? basisStandardCode, string? basisClause, RectificationPlan? plan, HazardActor actor, DateOnly today)
    {
        if (Status is HazardStatus.Verified or HazardStatus.Voided)
        {
            return Error.Conflict("已验收销号或已作废的隐患不能修改");
        }

        if (plan is not null && Status != HazardStatus.Draft)
        {
            return Error.Conflict("已登记隐患的整改期限只能通过延期变更");
        }

        if (plan?.Funds is < 0)
        {
            return Error.Invalid("plan.funds", "整改资金不能为负数");
        }

        var before = Describe();
        Title = title.Trim();
        Description = description?.Trim();
        Location = location?.Trim();
        BasisStandardCode = basisStandardCode;
        BasisClause = basisClause?.Trim();
        if (plan is not null)
        {
            Plan = plan;
        }

        AddEvent(HazardEventKind.Edited, today, actor, null, before, Describe());
        return null;
    }

    private string Describe() => $"{Title}｜{Description}｜{Location}｜{BasisStandardCode} {BasisClause}";

    /// <summary>分级属地 report of a self-found hazard; the routes are set by the caller from the lead-department map.</summary>
    public Error? Report(DateOnly reportedOn, bool toWorkersCongress, HazardActor actor, DateOnly today)
    {
        if (Status == HazardStatus.Draft)
        {
            return Error.Conflict("草稿不能报告：重大隐患须先即查即改或填写完整的“五落实”");
        }

        if (Status != HazardStatus.Registered)
        {
            return Error.Conflict($"隐患当前状态为“{HazardNames.Status(Status)}”，不能报告");
        }

        if (reportedOn < FoundOn || reportedOn > today)
        {
            return Error.Invalid("reportedOn", "报告日期须在发现日期与今天之间");
        }

        if (RectifiedOn is { } r && reportedOn > r)
        {
            return Error.Invalid("reportedOn", "报告日期不能晚于整改日期");
        }

        ReportedToWorkersCongress |= toWorkersCongress;
        MarkReported(reportedOn, actor);
        return null;
    }

    public Error? Extend(DateOnly newDeadline, string? reason, string? approvedBy, HazardActor actor, DateOnly today)
    {
        if (Status is not (HazardStatus.Registered or HazardStatus.Reported) || RectifiedOn is not null)
        {
            return Error.Conflict($"隐患当前状态为“{HazardNames.Status(Status)}”，不能延期");
        }

        if (string.IsNullOrWhiteSpace(reason) || string.IsNullOrWhiteSpace(approvedBy))
        {
            return Error.Invalid("reason", "延期须填写理由和批准人");
        }

        if (Plan.Deadline is { } current && newDeadline <= current)
        {
            return Error.Invalid("newDeadline", $"新的整改期限须晚于当前期限（{current:yyyy-MM-dd}）");
        }

        if (newDeadline < today)
        {
            return Error.Invalid("newDeadline", "新的整改期限不能早于今天");
        }

        var previous = Plan.Deadline;
        Plan.Deadline = newDeadline;
        AddEvent(HazardEventKind.Extended, today, actor, $"{reason!.Trim()}（批准人：{approvedBy!.Trim()}）", previous?.ToString("yyyy-MM-dd"), newDeadline.ToString("yyyy-MM-dd"));
        return null;
    }

    public Error? Rectify(DateOnly rectifiedOn, string? description, HazardActor actor, DateOnly today)
    {
        if (Status != HazardStatus.Reported)
        {
            return Error.Conflict(Status == HazardStatus.Registered ? "请先报告隐患，再登记整改" : $"隐患当前状态为“{HazardNames.Status(Status)}”，不能登记整改");
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            return Error.Invalid("description", "请填写整改情况");
        }

        if (rectifiedOn < (ReportedOn ?? FoundOn) || rectifiedOn > today)
        {
            return Error.Invalid("rectifiedOn", "整改日期须在报告日期与今天之间");
        }

        RectifiedOn = rectifiedOn;
        RectificationDescription = description.Trim();
        RectifiedByUserId = actor.UserId;
        Status = HazardStatus.Rectified;
        AddEvent(HazardEventKind.Rectified, rectifiedOn, actor, RectificationDescription);
        return null;
    }

    /// <summary>验收销号 by the signed-in user as acceptor; never the user who recorded the rectification.</summary>
    public Error? Verify(DateOnly verifiedOn, bool passed, string? reason, HazardActor actor, DateOnly today)
    {
        if (Status != HazardStatus.Rectified)
        {
            return Error.Conflict($"隐患当前状态为“{HazardNames.Status(Status)}”，不能验收");
        }

        if (RectifiedByUserId == actor.UserId)
        {
            return Error.Conflict("登记整改的人员不能验收本隐患（验收人须另行指定）");
        }

        if (verifiedOn < RectifiedOn || verifiedOn > today)
        {
            return Error.Invalid("verifiedOn", "验收日期须在整改日期与今天之间");
        }

        if (!passed && string.IsNullOrWhiteSpace(reason))
        {
            return Error.Invalid("reason", "验收不通过须填写理由");
        }

        if (passed)
        {
            VerifiedOn = verifiedOn;
            AcceptorUserId = actor.UserId;
            Acceptor = actor.Name;
            Status = HazardStatus.Verified;
            AddEvent(HazardEventKind.VerificationPassed, verifiedOn, actor, reason);
        }
        else
        {
            RectifiedOn = null;
            RectificationDescription = null;
            RectifiedByUserId = null;
            Status = HazardStatus.Reported;
            AddEvent(HazardEventKind.VerificationFailed, verifiedOn, actor, reason!.Trim());
        }

        return null;
    }

    public Error? Supervise(SupervisionLevel level, DateOnly taggedOn, DateOnly deadline, Guid unitId, string unitName, HazardActor actor, DateOnly today)
    {
        if (Status is HazardStatus.Draft or HazardStatus.Voided or HazardStatus.Verified)
        {
            return Error.Conflict($"隐患当前状态为“{HazardNames.Status(Status)}”，不能挂牌督办");
        }

        if (Supervision is { RemovedOn: null })
        {
            return Error.Conflict("该隐患已挂牌督办");
        }

        if (taggedOn < FoundOn || taggedOn > today)
        {
            return Error.Invalid("taggedOn", "挂牌日期须在发现日期与今天之间");
        }

        if (deadline < taggedOn)
        {
            return Error.Invalid("deadline", "督办期限不能早于挂牌日期");
        }

        Supervision = new Supervision { Level = level, UnitId = unitId, UnitName = unitName, TaggedOn = taggedOn, Deadline = deadline };
        AddEvent(HazardEventKind.Supervised, taggedOn, actor, $"{HazardNames.Level(level)}挂牌督办，期限{deadline:yyyy-MM-dd}");
        return null;
    }

    public Error? Unsupervise(DateOnly removedOn, HazardActor actor, DateOnly today)
    {
        if (Supervision is not { RemovedOn: null } s)
        {
            return Error.Conflict("该隐患未挂牌督办");
        }

        if (Status != HazardStatus.Verified)
        {
            return Error.Conflict("隐患验收销号后方可摘牌");
        }

        if (removedOn < VerifiedOn || removedOn > today)
        {
            return Error.Invalid("removedOn", "摘牌日期须在验收日期与今天之间");
        }

        s.RemovedOn = removedOn;
        AddEvent(HazardEventKind.Unsupervised, removedOn, actor, null);
        return null;
    }

    public Error? Void(string? reason, HazardActor actor, DateOnly today)
    {
        if (Status is HazardStatus.Verified or HazardStatus.Voided)
        {
            return Error.Conflict($"隐患当前状态为“{HazardNames.Status(Status)}”，不能作废");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Error.Invalid("reason", "作废须填写理由");
        }

        VoidReason = reason.Trim();
        Status = HazardStatus.Voided;
        AddEvent(HazardEventKind.Voided, today, actor, VoidReason);
        return null;
    }

    /// <summary>
    /// "Rectified as of day D" (SPEC §4): the last rectify event is on or before D with no failed
    /// verification after it by D. Computed from the history, so any past day can be answered.
    /// </summary>
    public static bool RectifiedAsOf(IEnumerable<HazardEvent> events, DateOnly day)
    {
        var relevant = events.Where(e => e.On <= day).OrderBy(e => e.Sequence).ToList();
        var lastRectify = relevant.FindLastIndex(e => e.Kind == HazardEventKind.Rectified);
        if (lastRectify < 0 || relevant.Any(e => e.Kind == HazardEventKind.Voided))
        {
            return false;
        }

        return !relevant.Skip(lastRectify + 1).Any(e => e.Kind == HazardEventKind.VerificationFailed);
    }

    private void MarkReported(DateOnly on, HazardActor actor)
    {
        ReportedOn = on;
        Status = RectifiedOn is null ? HazardStatus.Reported : HazardStatus.Rectified;
        AddEvent(HazardEventKind.Reported, on, actor, ReportedToWorkersCongress ? "同时向职工代表大会报告（双报告）" : null);
    }

    private long nextSequence;

    private void AddEvent(HazardEventKind kind, DateOnly on, HazardActor actor, string? note, string? before = null, string? after = null)
    {
        Events.Add(new HazardEvent
        {
            HazardId = Id,
            EnterpriseId = EnterpriseId,
            Path = Path,
            Kind = kind,
            On = on,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            UnitName = actor.UnitName,
            Note = note,
            Before = before,
            After = after,
            Sequence = DateTimeOffset.UtcNow.UtcTicks + nextSequence++,
        });
    }
}

/// <summary>What a registration carries, after the handler resolved the subject.</summary>
public sealed record HazardRegistration(
    SubjectKind SubjectKind,
    Guid? EnterpriseId,
    Guid? PlaceId,
    string JurisdictionCode,
    string Path,
    string Title,
    string? Description,
    string? Location,
    string SectorCode,
    HazardGrade Grade,
    HazardSource Source,
    string? BasisStandardCode,
    string? BasisClause,
    DateOnly FoundOn,
    string? FoundBy,
    bool Immediate,
    DateOnly? RectifiedOn,
    string? RectificationDescription,
    RectificationPlan Plan,
    bool ReportedToWorkersCongress,
    bool SubjectHasSelfReportedIt,
    string? IdempotencyKey);

/// <summary>One line of a hazard's history: who, when, what, before/after.</summary>
public class HazardEvent : IEnterpriseOwned, IBusinessRow
{
    public long Id { get; set; }

    public Guid HazardId { get; set; }

    public Guid? EnterpriseId { get; set; }

    public LTree Path { get; set; }

    public HazardEventKind Kind { get; set; }

    /// <summary>The day of record (China date) the event is about.</summary>
    public DateOnly On { get; set; }

    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Orders events, also within one day.</summary>
    public long Sequence { get; set; }

    public Guid ActorUserId { get; set; }

    public string ActorName { get; set; } = string.Empty;

    public string UnitName { get; set; } = string.Empty;

    public string? Note { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}

/// <summary>A unit whose queue the hazard sits in (lead department at the supervising level, or the township).</summary>
public class HazardRoute : IEnterpriseOwned, IBusinessRow
{
    public long Id { get; set; }

    public Guid HazardId { get; set; }

    public Guid? EnterpriseId { get; set; }

    public LTree Path { get; set; }

    public Guid UnitId { get; set; }

    public string UnitName { get; set; } = string.Empty;

    public RouteKind Kind { get; set; }
}

/// <summary>A before or after photo, stored in the database (never under the web root), served after the scope check.</summary>
public class HazardPhoto : IEnterpriseOwned, IBusinessRow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid HazardId { get; set; }

    public Guid? EnterpriseId { get; set; }

    public LTree Path { get; set; }

    public PhotoStage Stage { get; set; }

    public required string ContentType { get; set; }

    public int Size { get; set; }

    public byte[] Content { get; set; } = [];

    public DateTimeOffset CapturedAt { get; set; }

    public DateTimeOffset UploadedAt { get; set; } = DateTimeOffset.UtcNow;

    public Guid UploadedByUserId { get; set; }

    /// <summary>JPEG, PNG or WebP by magic bytes (not the name); null for anything else.</summary>
    public static string? DetectContentType(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (head.Length >= 8 && head[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return "image/png";
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return null;
    }

    public const int MaxBytes = 10 * 1024 * 1024;
}
