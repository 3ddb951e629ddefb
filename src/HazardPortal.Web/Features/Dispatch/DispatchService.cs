using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>
/// The dispatch cycle (SPEC §6), one file per use case: <c>OpenForm</c> (a unit's form for a period, computed from the
/// records; nothing is stored by a read), <c>SaveForm</c>, <c>SubmitForm</c>, <c>ReviewForm</c> (return, accept),
/// <c>DispatchBoard</c> (the issuer's board), <c>FormRecords</c> (drill-down, history), <c>MyForms</c>; the form's view
/// (<c>FormView</c>) and where a form sits (<c>FormPlacement</c>) are shared by them. State changes are the
/// <see cref="DispatchForm"/> aggregate's guarded transitions; who may do what is <c>Core/Authorization</c>.
/// This file holds what every use case shares: the period and template lists, the rules' call sites, the computation.
/// Pages and the API both call these.
/// </summary>
public sealed partial class DispatchService(PortalDb portalDb, DispatchReference reference, TimeProvider clock)
{
    public sealed record ChildDto(string Unit, string Name, bool IsDepartment, BoardStatus Status, Guid? FormId, DateTimeOffset? SubmittedAt, bool Late);

    /// <param name="IssuedBy">Who may issue it (<see cref="IssuingRules.MayIssue"/>), in words: 县（市、区）安委办 ….</param>
    public sealed record TemplateDto(string Code, string Name, string Issuer, string Cadence, int[] CutoffDays, string Window, bool HolidayShift, string Source, IReadOnlyList<string> IssuedBy);

    /// <summary>Where a form sits: its node, department, template, issuance and days.</summary>
    private sealed record Placement(
        string UnitKey, string Code, string Path, string Name, Guid? DepartmentId, DispatchTemplate Template, DispatchIssue? OwedTo, DispatchIssue? Issues,
        ReportingDays Days, string? IssuerName);

    /// <summary>
    /// The period now open: of the given templates' issuances (every template when none is given), the period whose due
    /// day is next, today included — on 08-22 with a 23rd cutoff that is 2023-08, on 08-24 it is 2023-09. Kept within the
    /// campaign (its last period once it is over, its first before it starts).
    /// </summary>
    public async Task<string> DefaultPeriodAsync(IEnumerable<string>? templates = null, CancellationToken ct = default)
    {
        var known = await reference.GetAsync(portalDb, ct);
        var today = ChinaTime.Today(clock);
        var codes = templates?.Where(known.Templates.ContainsKey).Distinct().ToList() is { Count: > 0 } given ? given : known.Templates.Keys.ToList();
        ReportingDays? next = null;
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        foreach (var code in codes)
        {
            var template = known.Templates[code];
            var campaign = known.Campaigns[template.CampaignCode];
            var cutoffs = known.Issues.Where(i => i.TemplateCode == code).SelectMany(i => i.CutoffDays).DefaultIfEmpty(template.CutoffDay).Distinct();
            foreach (var month in new[] { thisMonth.AddMonths(-1), thisMonth, thisMonth.AddMonths(1) })
            {
                if (month < new DateOnly(campaign.StartsOn.Year, campaign.StartsOn.Month, 1) || month > campaign.EndsOn)
                {
                    continue;
                }

                foreach (var day in cutoffs)
                {
                    var days = ReportingCalendar.For(ReportingCalendar.PeriodOf(month), day, template.Window, template.HolidayShift, campaign.StartsOn, known.Calendar);
                    if (days.DueOn >= today && (next is null || days.DueOn < next.DueOn))
                    {
                        next = days;
                    }
                }
            }
        }

        if (next is not null)
        {
            return next.Period;
        }

        var fallback = known.Campaigns[Campaign.Default];
        return ReportingCalendar.PeriodOf(today > fallback.EndsOn ? fallback.EndsOn : today < fallback.StartsOn ? fallback.StartsOn : today);
    }

    public async Task<List<TemplateDto>> TemplatesAsync(CancellationToken ct = default)
    {
        var known = await reference.GetAsync(portalDb, ct);
        var issues = known.Issues;
        var names = known.IssuerNames;
        return known.Templates.Values.OrderBy(t => t.Code).Select(t =>
        {
            var mine = issues.Where(i => i.TemplateCode == t.Code).ToList();
            // The template's issuer is the office that issues it at the highest level (003 附件1: 红河州安委办); an office below
            // that passes it on to its own units (蒙自市安委办 to its townships) relays it and is not its issuer.
            static int Depth(DispatchIssue i) => JurisdictionPath.Depth(i.Path.ToString());
            var top = mine.Count == 0 ? 0 : mine.Min(Depth);
            var issuers = mine.Where(i => Depth(i) == top).Select(i => names.GetValueOrDefault(i.IssuerUnitId, string.Empty)).Distinct();
            return new TemplateDto(t.Code, t.Name, string.Join("、", issuers), t.Cadence,
                mine.SelectMany(i => i.CutoffDays).DefaultIfEmpty(t.CutoffDay).Distinct().Order().ToArray(), t.Window.ToString(), t.HolidayShift, t.Source,
                t.IssuedAt.Select(IssuingRules.Names.Level).ToList());
        }).ToList();
    }

    private static MetricSubject Subject(Placement p) =>
        p.DepartmentId is { } d ? MetricSubject.Department(p.Path, d) : MetricSubject.Subtree(p.Path);

    /// <summary>本月: the first day of the as-of day's month (003 附件2's 本月总计).</summary>
    private static DateOnly MonthStart(Placement p) => new(p.Days.AsOf.Year, p.Days.AsOf.Month, 1);

    private static Task<Dictionary<string, decimal>> ComputeAsync(AppDbContext db, Placement p, CancellationToken ct) =>
        p.Template.Layout == TemplateLayout.Matrix
            ? SectorMatrixComputer.ComputeAsync(db, Subject(p), p.Days.Start, p.Days.AsOf, MonthStart(p), ct)
            : ComputeSectionsAsync(db, p, ct);

    private static Task<Dictionary<string, decimal>> ComputeSectionsAsync(AppDbContext db, Placement p, CancellationToken ct) =>
        MetricComputer.ComputeAsync(db, Subject(p), p.Days.Start, p.Days.AsOf, ct: ct);

    /// <summary>
    /// A context whose one connection (and its scope settings) serves every query of the operation. The reference data
    /// is read first, on its own connection: an operation holds one pooled connection at a time
    /// (<c>OneConnectionPerRequestTests</c>).
    /// </summary>
    private async Task<AppDbContext> ConnectAsync(CancellationToken ct)
    {
        await reference.GetAsync(portalDb, ct);
        var db = portalDb.Open();
        await db.Database.OpenConnectionAsync(ct);
        return db;
    }

    /// <summary>A department reads only its own forms; governments and offices read what their scope holds (<see cref="DispatchRules.MayRead"/>).</summary>
    private Error? CanRead(Placement p) => DispatchRules.MayRead(portalDb.Scope, p.DepartmentId);

    private Error? CanFill(Placement p) => DispatchRules.MayFill(portalDb.Scope, p.DepartmentId, p.Path);

    /// <summary>Who reviews: the issuer (<see cref="IssuingRules.MayManage"/>).</summary>
    private Error? CanReview(DispatchIssue issue) => IssuingRules.MayManage(portalDb.Scope, issue);

    private static async Task<Dictionary<string, decimal>?> LastAcceptedAsync(AppDbContext db, DispatchForm form, CancellationToken ct)
    {
        // The same unit's latest accepted submission of the same template and window start, of an earlier cutoff.
        var previous = await db.DispatchForms.AsNoTracking()
            .Where(f => f.TemplateCode == form.TemplateCode && f.UnitKey == form.UnitKey && f.WindowStart == form.WindowStart && f.AsOf < form.AsOf)
            .Join(db.FormSubmissions.Where(s => s.Status == FormStatus.Accepted), f => f.Id, s => s.FormId, (f, s) => new { f.AsOf, s.Revision, s.Cells })
            .OrderByDescending(x => x.AsOf).ThenByDescending(x => x.Revision).FirstOrDefaultAsync(ct);
        return previous?.Cells.ToDictionary(c => c.Key, c => c.Value);
    }
}
