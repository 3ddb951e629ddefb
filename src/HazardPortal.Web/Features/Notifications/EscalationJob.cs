using HazardPortal.Core;
using HazardPortal.Core.Audit;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Notifications;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HazardPortal.Web.Features.Notifications;

/// <summary>
/// The escalation ladder along the government chain (issue #6), run under the explicit system scope:
/// a hazard due soon notifies its enterprise; overdue, the enterprise, the township's cadres and the routed departments;
/// overdue by more than the span (default 30 days) and not supervised, the county 安委办 with the proposal
/// to tag it 挂牌督办; a supervised hazard past its supervision deadline, the 安委办 one level above the
/// tagging office. A form not in by its due day notifies the unit that owes it; a returned form, the unit
/// that filled it; an overdue deliverable, the unit that owes it; an unsigned commitment past its day (while
/// the campaign runs), the enterprise's head. Every insert is keyed by (user, dedupe key) — running twice notifies once — and the
/// whole run holds a transaction-level advisory lock, so a second app instance skips instead of racing.
/// </summary>
public sealed class EscalationJob(PortalDb portalDb, DispatchReference reference, TimeProvider clock, EscalationLadder ladder, ILogger<EscalationJob> log)
{
    public const string Name = "escalation";

    /// <summary>The advisory lock key of the job (any constant shared by every instance).</summary>
    public const long LockKey = 0x48505f4553434c;

    public sealed record Run(bool Ran, int Created);

    /// <summary>The rungs, from <c>Escalation:LongOverdueDays</c> (registered once for every feature that reads them).</summary>
    public EscalationLadder Ladder => ladder;

    /// <summary>The fillers of a recipient row r (unit_key, code, department_id): the department's inspectors, or the node's 安委办 or cadres.</summary>
    private const string Fillers = $"""
        JOIN ({NotificationSql.Holders}) x
          ON (r.department_id IS NOT NULL AND x.unit_id = r.department_id)
          OR (r.department_id IS NULL AND x.jurisdiction_code = r.code AND x.role IN ('SafetyOffice', 'TownshipCadre') AND x.kind <> 'Department')
        """;

    /// <summary>The hazard rungs, set-based (the same bounds as <see cref="EscalationLadder.Of"/>).</summary>
    private static readonly string[] HazardRules =
    [
        // 临期 → the enterprise's own accounts.
        $"""
        {NotificationSql.Insert}
        SELECT gen_random_uuid(), u.id, h.path, h.enterprise_id, 'HazardDueSoon', '隐患临期：' || h.title || '（' || to_char(h.due_on, 'MM-DD') || '到期）',
               '/hazards/' || h.id, h.id, NULL, @now, 'due-soon:' || h.id || ':' || h.due_on
        FROM hazards h JOIN users u ON u.enterprise_id = h.enterprise_id AND NOT u.disabled
        WHERE h.awaiting_rectification AND h.due_on >= @today AND h.due_on <= @soon
        {NotificationSql.OnConflict}
        """,

        // 逾期 → the township's cadres and the departments the hazard was routed to.
        $"""
        {NotificationSql.Insert}
        SELECT gen_random_uuid(), x.user_id, x.path, NULL, 'HazardOverdue', '隐患逾期未整改：' || h.title || '（' || to_char(h.due_on, 'MM-DD') || '到期）',
               '/hazards/' || h.id, h.id, NULL, @now, 'overdue:' || h.id || ':' || h.due_on
        FROM hazards h JOIN ({NotificationSql.Holders}) x
          ON (x.role = 'TownshipCadre' AND x.jurisdiction_code = h.township_code)
          OR (x.role = 'DepartmentInspector' AND x.unit_id IN (SELECT rt.unit_id FROM hazard_routes rt WHERE rt.hazard_id = h.id))
        WHERE h.awaiting_rectification AND h.due_on < @overdue
        {NotificationSql.OnConflict}
        """,

        // 逾期 → the enterprise's own accounts as well: it is the enterprise that must rectify.
        $"""
        {NotificationSql.Insert}
        SELECT gen_random_uuid(), u.id, h.path, h.enterprise_id, 'HazardOverdue', '隐患逾期未整改：' || h.title || '（' || to_char(h.due_on, 'MM-DD') || '到期），请尽快整改并申请验收',
               '/hazards/' || h.id, h.id, NULL, @now, 'overdue:' || h.id || ':' || h.due_on
        FROM hazards h JOIN users u ON u.enterprise_id = h.enterprise_id AND NOT u.disabled
        WHERE h.awaiting_rectification AND h.due_on < @overdue
        {NotificationSql.OnConflict}
        """,

        // 逾期超过规定天数，未挂牌 → the county 安委办, proposing 挂牌督办.
        $"""
        {NotificationSql.Insert}
        SELECT gen_random_uuid(), x.user_id, x.path, NULL, 'HazardLongOverdue',
               '隐患逾期超过' || @span || '天，建议挂牌督办：' || h.title, '/hazards/' || h.id, h.id, NULL, @now, 'long-overdue:' || h.id || ':' || h.due_on
        FROM hazards h JOIN ({NotificationSql.Holders}) x ON x.role = 'SafetyOffice' AND x.kind = 'SafetyOffice' AND x.jurisdiction_code = h.county_code
        WHERE h.awaiting_rectification AND h.due_on < @long AND (h.supervision_tagged_on IS NULL OR h.supervision_removed_on IS NOT NULL)
        {NotificationSql.OnConflict}
        """,

        // 挂牌督办逾期 → the 安委办 one level above the tagging office.
        $"""
        {NotificationSql.Insert}
        SELECT gen_random_uuid(), x.user_id, x.path, NULL, 'SupervisedOverdue',
               '挂牌督办隐患逾期：' || h.title || '（' || h.supervision_unit_name || '督办，' || to_char(h.supervision_deadline, 'MM-DD') || '到期）',
               '/hazards/' || h.id, h.id, NULL, @now, 'supervised-overdue:' || h.id || ':' || h.supervision_deadline
        FROM hazards h
        JOIN units tagger ON tagger.id = h.supervision_unit_id
        JOIN jurisdictions tj ON tj.code = tagger.jurisdiction_code
        JOIN ({NotificationSql.Holders}) x ON x.role = 'SafetyOffice' AND x.kind = 'SafetyOffice' AND x.jurisdiction_code = tj.parent_code
        WHERE h.awaiting_rectification AND h.supervision_tagged_on IS NOT NULL AND h.supervision_removed_on IS NULL AND h.supervision_deadline < @overdue
        {NotificationSql.OnConflict}
        """,

        // 已挂牌督办 → the township's cadres and the enterprise's accounts (also right after the tag, see NotifyTaggedAsync).
        NotificationSql.Tagged,

        // 调度表被退回 → the unit's fillers (its 安委办, its cadres, or the department).
        $"""
        {NotificationSql.Insert}
        SELECT gen_random_uuid(), x.user_id, x.path, NULL, 'FormReturned', '调度表被退回：' || f.unit_name || ' ' || f.period || '（' || coalesce(f.return_reason, '') || '）',
               '/dispatch/forms/' || f.id, NULL, f.id, @now, 'form-returned:' || f.id || ':' || f.revision
        FROM dispatch_forms f JOIN ({NotificationSql.Holders}) x
          ON (f.department_id IS NOT NULL AND x.unit_id = f.department_id)
          OR (f.department_id IS NULL AND x.jurisdiction_code = f.jurisdiction_code AND x.role IN ('SafetyOffice', 'TownshipCadre') AND x.kind <> 'Department')
        WHERE f.status = 'Returned'
        {NotificationSql.OnConflict}
        """,

        // 报送材料逾期未报 → each owing unit without an upload.
        $"""
        {NotificationSql.Insert}
        SELECT gen_random_uuid(), x.user_id, x.path, NULL, 'DeliverableOverdue', '报送材料逾期未报：' || d.name || '（' || to_char(d.due_on, 'MM-DD') || '截止）',
               '/campaigns', NULL, NULL, @now, 'deliverable:' || d.id || ':' || r.unit_key
        FROM deliverables d
        CROSS JOIN LATERAL (
            SELECT j.code AS unit_key, j.code, NULL::uuid AS department_id FROM jurisdictions j
            WHERE d.recipients LIKE '%ChildJurisdictions%' AND j.parent_code = d.issuer_jurisdiction_code
            UNION ALL
            SELECT 'dept:' || u.id, u.jurisdiction_code, u.id FROM units u
            WHERE d.recipients LIKE '%Departments%' AND u.jurisdiction_code = d.issuer_jurisdiction_code AND u.kind = 'Department' AND NOT u.disabled) r
        {Fillers}
        WHERE d.due_on < @today AND NOT EXISTS (SELECT 1 FROM deliverable_uploads up WHERE up.deliverable_id = d.id AND up.unit_key = r.unit_key)
        {NotificationSql.OnConflict}
        """,

        // 承诺回执书逾期未签署 → the enterprise's head, while the campaign runs.
        $"""
        {NotificationSql.Insert}
        SELECT gen_random_uuid(), u.id, e.path, e.id, 'CommitmentOverdue', '安全生产承诺回执书逾期未签署：' || c.name || '（' || to_char(c.commitment_due_on, 'MM-DD') || '截止）',
               '/records/commitments', NULL, NULL, @now, 'commitment:' || c.code || ':' || e.id
        FROM campaigns c
        JOIN enterprises e ON NOT e.disabled
        JOIN users u ON u.enterprise_id = e.id AND NOT u.disabled
        JOIN user_roles ur ON ur.user_id = u.id JOIN roles ro ON ro.id = ur.role_id AND ro.name = 'EnterpriseHead'
        WHERE c.commitment_due_on < @today AND @today <= c.ends_on
          AND NOT EXISTS (SELECT 1 FROM commitment_receipts cr WHERE cr.enterprise_id = e.id AND cr.campaign_code = c.code AND cr.signed_at IS NOT NULL)
        {NotificationSql.OnConflict}
        """,
    ];

    /// <summary>Runs the ladder once; returns whether it ran (false when another instance holds the lock) and how many notifications it made.</summary>
    public async Task<Run> RunAsync(CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        await reference.GetAsync(portalDb, ct); // read before the transaction holds its connection (one at a time)
        await using var db = portalDb.OpenSystem(Name);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_xact_lock({0}) AS \"Value\"", LockKey).SingleAsync(ct);
        if (!locked)
        {
            log.LogInformation("escalation: another instance is running; skipped");
            return new Run(false, 0);
        }

        var created = 0;
        foreach (var sql in HazardRules)
        {
            created += await db.Database.ExecuteSqlRawAsync(sql,
                [
                    new NpgsqlParameter("today", today), new NpgsqlParameter("soon", ladder.DueSoonUntil(today)), new NpgsqlParameter("overdue", ladder.OverdueBefore(today)),
                    new NpgsqlParameter("long", ladder.LongOverdueBefore(today)), new NpgsqlParameter("span", ladder.LongOverdueDays),
                    new NpgsqlParameter("hazard", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = DBNull.Value }, new NpgsqlParameter("now", clock.GetUtcNow()),
                ], ct);
        }

        created += await MissingFormsAsync(db, today, ct);
        db.AuditEntries.Add(new AuditEntry
        {
            Actor = db.Scope.Actor, Action = "job.escalation.run", EntityType = "Notification",
            After = $"{{\"today\":\"{today:yyyy-MM-dd}\",\"created\":{created},\"longOverdueDays\":{ladder.LongOverdueDays}}}",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("escalation: {Created} notifications for {Today}", created, today);
        return new Run(true, created);
    }

    /// <summary>
    /// 逾期未报: for each issuance, the latest period whose due day has passed (within the campaign), every
    /// unit that owes it without a submitted or accepted form is notified — its fillers, once per period.
    /// </summary>
    private async Task<int> MissingFormsAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        var known = await reference.GetAsync(portalDb, ct);
        var created = 0;
        foreach (var issue in known.Issues)
        {
            var template = known.Templates[issue.TemplateCode];
            var campaign = known.Campaigns[template.CampaignCode];
            var last = today > campaign.EndsOn ? campaign.EndsOn : today;
            ReportingDays? due = null;
            foreach (var month in new[] { last, last.AddMonths(-1) })
            {
                foreach (var day in issue.CutoffDays.OrderDescending())
                {
                    var days = ReportingCalendar.For(ReportingCalendar.PeriodOf(month), day, template.Window, template.HolidayShift, campaign.StartsOn, known.Calendar);
                    if (days.DueOn < today && days.AsOf >= campaign.StartsOn && (due is null || days.DueOn > due.DueOn))
                    {
                        due = days;
                    }
                }
            }

            if (due is null)
            {
                continue;
            }

            var sql = $"""
                {NotificationSql.Insert}
                SELECT gen_random_uuid(), x.user_id, x.path, NULL, 'FormMissing', '调度表逾期未报：' || @name || ' ' || @period || '（' || to_char(@due::date, 'MM-DD') || '截止）',
                       '/dispatch', NULL, NULL, @now, 'form-missing:' || @template || ':' || r.unit_key || ':' || @period || ':' || @cutoff
                FROM (SELECT j.code AS unit_key, j.code AS code, NULL::uuid AS department_id FROM jurisdictions j WHERE @children AND j.parent_code = @issuer
                      UNION ALL
                      SELECT 'dept:' || u.id, u.jurisdiction_code, u.id FROM units u WHERE @departments AND u.jurisdiction_code = @issuer AND u.kind = 'Department' AND NOT u.disabled) r
                {Fillers}
                WHERE NOT EXISTS (SELECT 1 FROM dispatch_forms f WHERE f.template_code = @template AND f.unit_key = r.unit_key AND f.period = @period
                                  AND f.cutoff_day = @cutoff AND f.status IN ('Submitted', 'Accepted'))
                {NotificationSql.OnConflict}
                """;
            created += await db.Database.ExecuteSqlRawAsync(sql,
                [
                    new NpgsqlParameter("name", template.Name), new NpgsqlParameter("period", due.Period), new NpgsqlParameter("due", due.DueOn),
                    new NpgsqlParameter("template", template.Code), new NpgsqlParameter("cutoff", due.CutoffDay), new NpgsqlParameter("issuer", issue.IssuerJurisdictionCode),
                    new NpgsqlParameter("children", issue.Recipients.HasFlag(Recipients.ChildJurisdictions)), new NpgsqlParameter("departments", issue.Recipients.HasFlag(Recipients.Departments)),
                    new NpgsqlParameter("now", clock.GetUtcNow()),
                ], ct);
        }

        return created;
    }
}
