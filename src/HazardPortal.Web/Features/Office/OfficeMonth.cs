using HazardPortal.Core.Authorization;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Notifications;
using HazardPortal.Core.Tenancy;
using HazardPortal.Web.Features.Campaigns;
using HazardPortal.Web.Features.Dispatch;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Office;

/// <summary>
/// The 安委办's month (issue #6): on one page, for the current period, the units missing or late with each
/// form it issues, the forms waiting for its review, the supervised hazards past their supervision
/// deadline, the hazards late beyond the span and not yet tagged (the 挂牌督办 proposals), and the units
/// behind on its task checklist — what a county clerk opens at 22:00 before the cutoff.
/// </summary>
public sealed class OfficeMonth(
    PortalDb portalDb, DispatchService dispatch, CampaignTasks tasks, CampaignPlans plans, Flags.FlagFinder flags, Notifications.EscalationJob escalation, TimeProvider clock)
{
    public sealed record FormLine(string Parent, string Template, string TemplateName, int Cutoff, string Period, string Unit, string UnitName, BoardStatus Status, bool Late, Guid? FormId)
    {
        public string StatusText => FormStanding.Name(Status);
    }

    public sealed record HazardLine(Guid Id, string Title, string Subject, string Jurisdiction, DateOnly? DueOn, int DaysLate, string? SupervisedBy);

    public sealed record TaskLine(string Unit, string Name, int Done, int Overdue);

    /// <summary>A deliverable this office issued with units still owing it, or one it owes its superior and has not sent.</summary>
    public sealed record DeliverableLine(Guid Id, string Campaign, string Name, string Issuer, DateOnly DueOn, bool Issued, int Missing, int Owing, bool Overdue);

    public sealed record Month(
        string Period, IReadOnlyList<FormLine> Missing, IReadOnlyList<FormLine> AwaitingReview, IReadOnlyList<HazardLine> SupervisedOverdue,
        IReadOnlyList<HazardLine> Proposals, IReadOnlyList<TaskLine> TasksBehind, int LongOverdueDays, IReadOnlyList<DeliverableLine> Deliverables,
        Flags.FlagFinder.FlagsDto? Flags);

    public bool IsOffice => AccessRules.IsSafetyOffice(portalDb.Scope);

    public async Task<Month> LoadAsync(CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var boards = await dispatch.MyBoardsAsync(ct);
        var period = await dispatch.DefaultPeriodAsync(boards.Select(b => b.Template), ct);
        var templates = (await dispatch.TemplatesAsync(ct)).ToDictionary(t => t.Code);
        var missing = new List<FormLine>();
        var review = new List<FormLine>();
        foreach (var (parent, template, name) in boards)
        {
            foreach (var day in templates[template].CutoffDays)
            {
                var status = await dispatch.StatusAsync(parent, template, period, day, ct);
                foreach (var row in status.Value ?? [])
                {
                    var line = new FormLine(parent, template, name, day, period, row.Unit.Code, row.Unit.Name, row.Status, row.Late, row.FormId);
                    if (FormStanding.Owes(row.Status))
                    {
                        missing.Add(line);
                    }
                    else if (row.Status == BoardStatus.Submitted)
                    {
                        review.Add(line);
                    }
                }
            }
        }

        var ladder = escalation.Ladder;
        await using var db = portalDb.Open();
        var open = db.Hazards.AsNoTracking().Where(h => h.AwaitingRectification && h.Grade == HazardGrade.Major);
        var supervised = await open
            .Where(h => h.Supervision != null && h.Supervision.RemovedOn == null && h.Supervision.Deadline < today)
            .OrderBy(h => h.Supervision!.Deadline).Take(200)
            .Select(h => new { h.Id, h.Title, h.EnterpriseId, h.PlaceId, h.JurisdictionCode, Due = (DateOnly?)h.Supervision!.Deadline, By = h.Supervision.UnitName })
            .ToListAsync(ct);
        var longBefore = ladder.LongOverdueBefore(today);
        var proposals = await open
            .Where(h => (h.Supervision == null || h.Supervision.RemovedOn != null) && h.DueOn < longBefore)
            .OrderBy(h => h.DueOn).Take(200)
            .Select(h => new { h.Id, h.Title, h.EnterpriseId, h.PlaceId, h.JurisdictionCode, Due = h.DueOn, By = (string?)null })
            .ToListAsync(ct);
        var names = await SubjectNamesAsync(db, supervised.Select(h => (h.EnterpriseId, h.PlaceId, h.JurisdictionCode)).Concat(proposals.Select(h => (h.EnterpriseId, h.PlaceId, h.JurisdictionCode))), ct);
        HazardLine Line(Guid id, string title, Guid? e, Guid? p, string code, DateOnly? due, string? by) =>
            new(id, title, names.Subject(e, p), names.Place(code), due, due is { } d ? today.DayNumber - d.DayNumber : 0, by);

        var board = await tasks.BoardAsync(ct);
        var behind = (board.Value?.Units ?? []).Where(u => u.Overdue > 0).Select(u => new TaskLine(u.Unit, u.Name, u.Done, u.Overdue)).ToList();
        var deliverables = new List<DeliverableLine>();
        foreach (var campaign in await plans.ListAsync(ct))
        {
            foreach (var d in campaign.Deliverables)
            {
                if (d.Mine && (await plans.StatusAsync(d.Id, ct)).Value is { } rows && rows.Any(r => r.UploadId is null))
                {
                    deliverables.Add(new DeliverableLine(d.Id, campaign.Name, d.Name, d.IssuerName, d.DueOn, true, rows.Count(r => r.UploadId is null), rows.Count, d.DueOn < today));
                }
                else if (d.Owed && d.MyUploadAt is null)
                {
                    deliverables.Add(new DeliverableLine(d.Id, campaign.Name, d.Name, d.IssuerName, d.DueOn, false, 1, 1, d.DueOn < today));
                }
            }
        }

        var found = JurisdictionPath.Depth(portalDb.Scope.Path!) >= Flags.FlagFinder.MinDepth ? (await flags.FindAsync(null, null, ct: ct)).Value : null;
        return new Month(
            period, missing, review,
            supervised.Select(h => Line(h.Id, h.Title, h.EnterpriseId, h.PlaceId, h.JurisdictionCode, h.Due, h.By)).ToList(),
            proposals.Select(h => Line(h.Id, h.Title, h.EnterpriseId, h.PlaceId, h.JurisdictionCode, h.Due, h.By)).ToList(),
            behind, ladder.LongOverdueDays, deliverables.OrderBy(d => d.DueOn).ToList(), found);
    }

    private sealed record Names(Dictionary<Guid, string> Subjects, Dictionary<string, string> Places)
    {
        public string Subject(Guid? enterprise, Guid? place) =>
            (enterprise ?? place) is { } id ? Subjects.GetValueOrDefault(id, string.Empty) : string.Empty;

        public string Place(string code) => Places.GetValueOrDefault(code, code);
    }

    private static async Task<Names> SubjectNamesAsync(AppDbContext db, IEnumerable<(Guid? Enterprise, Guid? Place, string Code)> rows, CancellationToken ct)
    {
        var list = rows.ToList();
        var enterprises = list.Where(r => r.Enterprise is not null).Select(r => r.Enterprise!.Value).Distinct().ToList();
        var places = list.Where(r => r.Place is not null).Select(r => r.Place!.Value).Distinct().ToList();
        var codes = list.Select(r => r.Code).Distinct().ToList();
        var subjects = await db.Enterprises.AsNoTracking().Where(e => enterprises.Contains(e.Id)).Select(e => new { e.Id, e.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        foreach (var p in await db.Places.AsNoTracking().Where(p => places.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
        {
            subjects[p.Id] = p.Name;
        }

        var jurisdictions = await db.Jurisdictions.AsNoTracking().Where(j => codes.Contains(j.Code)).ToDictionaryAsync(j => j.Code, j => j.Name, ct);
        return new Names(subjects, jurisdictions);
    }
}
