using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Notifications;

/// <summary>What a notification is about (the rungs of the escalation ladder and the form cycle, issue #6).</summary>
public enum NotificationKind
{
    /// <summary>临期: the enterprise's hazard is due within 7 days.</summary>
    HazardDueSoon,

    /// <summary>逾期: to the township and the routed departments.</summary>
    HazardOverdue,

    /// <summary>逾期超过规定天数: to the county 安委办, with the proposal to tag it 挂牌督办.</summary>
    HazardLongOverdue,

    /// <summary>挂牌督办逾期: to the 安委办 one level above the tagging office.</summary>
    SupervisedOverdue,

    /// <summary>已挂牌督办: to the township's cadres and the enterprise, as soon as an office tags it.</summary>
    SupervisionTagged,

    /// <summary>调度表逾期未报: to the unit that owes it.</summary>
    FormMissing,

    /// <summary>调度表被退回: to the unit that filled it.</summary>
    FormReturned,

    /// <summary>催报: the issuer reminds a unit that has not submitted the period's form.</summary>
    FormReminder,

    /// <summary>交乡镇核查: the county 安委办 handed a public report to the township to check.</summary>
    PublicReportAssigned,

    /// <summary>报送材料逾期未报: to the unit that owes it.</summary>
    DeliverableOverdue,

    /// <summary>承诺回执书逾期未签署: to the enterprise's head, while the campaign runs.</summary>
    CommitmentOverdue,
}

/// <summary>
/// One user's notification: scoped like a business row of the recipient's node (and enterprise), kept per
/// user, made once per (user, dedupe key) so a job that runs twice notifies once.
/// </summary>
public sealed class Notification : IEnterpriseOwned, IBusinessRow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public LTree Path { get; set; }

    public Guid? EnterpriseId { get; set; }

    public NotificationKind Kind { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Link { get; set; } = string.Empty;

    public Guid? HazardId { get; set; }

    public Guid? FormId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>What makes it the same notification again (e.g. <c>overdue:{hazard}:{deadline}</c>): a later deadline notifies anew.</summary>
    public string DedupeKey { get; set; } = string.Empty;
}

/// <summary>The escalation ladder's thresholds (issue #6), as the days that bound each rung for a run on <c>today</c>.</summary>
public sealed record EscalationLadder(int DueSoonDays = 7, int LongOverdueDays = 30)
{
    public enum Rung
    {
        None,
        DueSoon,
        Overdue,
        LongOverdue,
    }

    /// <summary>Due soon: the deadline is today or within the next <see cref="DueSoonDays"/> days.</summary>
    public DateOnly DueSoonUntil(DateOnly today) => today.AddDays(DueSoonDays);

    /// <summary>Overdue: the deadline is before today (the day itself is still in time).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "One of the ladder's four day rules, read together on the ladder instance (DueSoonUntil, OverdueBefore, LongOverdueBefore).")]
    public DateOnly OverdueBefore(DateOnly today) => today;

    /// <summary>Long overdue: more than <see cref="LongOverdueDays"/> days past the deadline.</summary>
    public DateOnly LongOverdueBefore(DateOnly today) => today.AddDays(-LongOverdueDays);

    /// <summary>The rung of an open, unrectified hazard with this deadline (the same bounds the job's SQL takes).</summary>
    public Rung Of(DateOnly? deadline, DateOnly today) => deadline switch
    {
        null => Rung.None,
        { } d when d < LongOverdueBefore(today) => Rung.LongOverdue,
        { } d when d < OverdueBefore(today) => Rung.Overdue,
        { } d when d <= DueSoonUntil(today) => Rung.DueSoon,
        _ => Rung.None,
    };
}
