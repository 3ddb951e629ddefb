using HazardPortal.Core;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Hazards;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>Use case: the issuer's board — who has submitted, late or overdue — and the boards a user reviews.</summary>
public sealed partial class DispatchService
{
    /// <summary>
    /// A unit on the issuer's board: <paramref name="Late"/> when it submitted after the due day, <paramref name="Overdue"/>
    /// when the due day has passed and it has not submitted; <paramref name="RemindedAt"/> the last 催报 of the period.
    /// </summary>
    public sealed record StatusRow(ChildUnit Unit, BoardStatus Status, DateTimeOffset? SubmittedAt, bool Late, Guid? FormId, bool Overdue = false, DateTimeOffset? RemindedAt = null)
    {
        public string StatusText => FormStanding.Name(Status);
    }

    public sealed record ChildUnit(string Code, string Name, bool IsDepartment);

    /// <summary>Every unit that owes the issuer at <paramref name="parent"/> the template for the period, with its status.</summary>
    public async Task<Result<List<StatusRow>>> StatusAsync(string parent, string template, string period, int? cutoff, CancellationToken ct = default)
    {
        if (!ReportingCalendar.TryParsePeriod(period, out _))
        {
            return Error.Invalid("period", "期间格式应为yyyy-MM");
        }

        await using var db = await ConnectAsync(ct);
        var (holder, _) = await HolderAsync(db, parent, template, period: null, ct);
        if (holder is null)
        {
            return Error.NotFound("地区");
        }

        var placed = await PlaceAsync(holder, template, period, cutoff, ct);
        if (!placed.Succeeded)
        {
            return placed.Error!;
        }

        var p = placed.Value!;
        if (p.Issues is null)
        {
            return Error.NotFound("调度表下发记录");
        }

        if (CanReview(p.Issues) is { } refused)
        {
            return refused;
        }

        var rows = await ChildrenAsync(db, p, ct);
        var (code, due, day) = (p.Template.Code, p.Days.Period, p.Days.CutoffDay);
        var reminded = (await db.FormReminders.AsNoTracking().Where(r => r.TemplateCode == code && r.Period == due && r.CutoffDay == day)
                .Select(r => new { r.UnitKey, r.RemindedAt }).ToListAsync(ct))
            .GroupBy(r => r.UnitKey).ToDictionary(g => g.Key, g => g.Max(r => r.RemindedAt));
        var pastDue = ChinaTime.Today(clock) > p.Days.DueOn;
        return rows.Select(r => r.Child).Select(c => new StatusRow(
            new ChildUnit(c.Unit, c.Name, c.IsDepartment), c.Status, c.SubmittedAt, c.Late, c.FormId,
            Overdue: pastDue && FormStanding.Owes(c.Status),
            RemindedAt: reminded.TryGetValue(c.Unit, out var at) ? at : null)).ToList();
    }

    /// <summary>The issuances the signed-in user reviews (their node issues them).</summary>
    public async Task<List<(string Parent, string Template, string TemplateName)>> MyBoardsAsync(CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        var own = scope.OwnCode!;
        var known = await reference.GetAsync(portalDb, ct);
        var templates = known.Templates.ToDictionary(t => t.Key, t => t.Value.Name);
        var issues = known.Issues.Where(i => i.IssuerJurisdictionCode == own).ToList();
        return issues.Where(i => CanReview(i) is null).Select(i => (i.IssuerJurisdictionCode, i.TemplateCode, templates[i.TemplateCode])).ToList();
    }

    /// <summary>
    /// The units that owe the issuer this form, with the state of their forms for the period and the cells
    /// of each form's current submission: one query.
    /// </summary>
    private static async Task<List<(ChildDto Child, List<SnapshotCell>? Cells)>> ChildrenAsync(AppDbContext db, Placement p, CancellationToken ct) =>
        (await ChildrenWithPathsAsync(db, p, ct)).Select(r => (r.Child, r.Cells)).ToList();

    private static async Task<List<(ChildDto Child, List<SnapshotCell>? Cells, string Path)>> ChildrenWithPathsAsync(AppDbContext db, Placement p, CancellationToken ct)
    {
        var (templateCode, period, day) = (p.Template.Code, p.Days.Period, p.Days.CutoffDay);
        var rows = await IssueRecipients.Query(db, p.Code, p.Issues!.Recipients)
            .Select(r => new
            {
                r.Key, r.Name, r.IsDepartment, r.Path,
                Form = db.DispatchForms.Where(f => f.TemplateCode == templateCode && f.Period == period && f.CutoffDay == day && f.UnitKey == r.Key)
                    .Select(f => new
                    {
                        f.Id, f.Status, f.Revision, f.SubmittedAt, f.Late,
                        Cells = db.FormSubmissions.Where(s => s.FormId == f.Id && s.Revision == f.Revision).Select(s => s.Cells).FirstOrDefault(),
                    })
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.IsDepartment).ThenBy(r => r.IsDepartment ? r.Name : r.Key, StringComparer.Ordinal).Select(r =>
        {
            var f = r.Form;
            var status = FormStanding.Of(f?.Status, f?.Revision ?? 0);
            var cells = f is { Status: FormStatus.Submitted or FormStatus.Accepted } ? f.Cells : null;
            return (new ChildDto(r.Key, r.Name, r.IsDepartment, status, f?.Id, f?.SubmittedAt, f?.Late ?? false), cells, r.Path.ToString());
        }).ToList();
    }
}
