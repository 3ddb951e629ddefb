using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Notifications;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Office;

/// <summary>
/// The 安委办's month (issue #6): on one page, what a county clerk opens at 22:00 before the cutoff — the units missing or
/// late with each form it issues and the forms waiting for its review (dispatch), the supervised hazards past their
/// supervision deadline and the hazards late beyond the span and not yet tagged (the 挂牌督办 proposals, below), the units
/// behind on its task checklist and the materials owed (campaigns), the flags. Each part is an <see cref="IOfficeMonthSource"/>
/// of the feature that owns it; this page composes them in order.
/// </summary>
public sealed class OfficeMonth(IEnumerable<IOfficeMonthSource> sources)
{
    public sealed record Month(IReadOnlyList<MonthSection> Sections)
    {
        public IEnumerable<MonthTag> Tags => Sections.SelectMany(s => s.Tags);
    }

    public async Task<Month> LoadAsync(CancellationToken ct = default)
    {
        var sections = new List<MonthSection>();
        foreach (var source in sources.OrderBy(s => s.Order))
        {
            sections.Add(await source.LoadAsync(ct));
        }

        return new Month(sections);
    }
}

/// <summary>The hazards' part of the month: supervised hazards past their 督办 deadline, and the 挂牌督办 proposals.</summary>
public sealed class HazardMonth(PortalDb portalDb, EscalationLadder ladder, TimeProvider clock) : IOfficeMonthSource
{
    public sealed record HazardLine(Guid Id, string Title, string Subject, string Jurisdiction, DateOnly? DueOn, int DaysLate, string? SupervisedBy);

    public sealed record Hazards(IReadOnlyList<HazardLine> SupervisedOverdue, IReadOnlyList<HazardLine> Proposals, int LongOverdueDays);

    public int Order => 20;

    public async Task<MonthSection> LoadAsync(CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
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

        var overdue = supervised.Select(h => Line(h.Id, h.Title, h.EnterpriseId, h.PlaceId, h.JurisdictionCode, h.Due, h.By)).ToList();
        var proposed = proposals.Select(h => Line(h.Id, h.Title, h.EnterpriseId, h.PlaceId, h.JurisdictionCode, h.Due, h.By)).ToList();
        return new MonthSection(
            [new MonthTag("督办逾期", overdue.Count, Urgent: true), new MonthTag("建议挂牌", proposed.Count, Urgent: false)],
            typeof(HazardMonthSection), new Hazards(overdue, proposed, ladder.LongOverdueDays));
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
