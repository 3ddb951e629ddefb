using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>Where a form sits: its unit, template, issuance and days, and the not-yet-saved form a read opens (reads never write: the row is created by the first save or submit).</summary>
public sealed partial class DispatchService
{
    private static bool InCampaign(string period, Campaign campaign) =>
        string.CompareOrdinal(period, ReportingCalendar.PeriodOf(campaign.StartsOn)) >= 0 && string.CompareOrdinal(period, ReportingCalendar.PeriodOf(campaign.EndsOn)) <= 0;

    /// <summary>The form a placement names, as it is before its first save: computed values, nothing stored.</summary>
    private static DispatchForm Unsaved(Placement p) => new()
    {
        Id = FormIds.For(p.Template.Code, p.UnitKey, p.Days.Period, p.Days.CutoffDay),
        TemplateCode = p.Template.Code, UnitKey = p.UnitKey, UnitName = p.Name, JurisdictionCode = p.Code, DepartmentId = p.DepartmentId,
        Path = new LTree(p.Path), Period = p.Days.Period, CutoffDay = p.Days.CutoffDay, WindowStart = p.Days.Start, AsOf = p.Days.AsOf, DueOn = p.Days.DueOn,
    };

    /// <summary>
    /// A form by id (tracked) and where it sits; the form carries its node, so this is one query. An id with no row is a
    /// form not saved yet: it is found among the forms the signed-in unit fills (its own and, for a township, its
    /// villages'; every template, campaign period and cutoff day) and, when <paramref name="create"/>, added to be saved.
    /// </summary>
    private async Task<Result<(DispatchForm, Placement)>> LoadAsync(AppDbContext db, Guid id, CancellationToken ct, bool create = false)
    {
        var form = await db.DispatchForms.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (form is null)
        {
            if (await UnsavedAsync(db, id, ct) is not { } unsaved)
            {
                return Error.NotFound("调度表");
            }

            if (create)
            {
                db.DispatchForms.Add(unsaved.Form);
            }

            return (unsaved.Form, unsaved.Placement);
        }

        var holder = new Holder(form.JurisdictionCode, form.Path.ToString(), form.UnitName, form.DepartmentId is null ? JurisdictionPath.ParentCode(form.Path.ToString()) : null, form.DepartmentId);
        var placed = await PlaceAsync(holder, form.TemplateCode, form.Period, form.CutoffDay, ct);
        if (!placed.Succeeded)
        {
            return placed.Error!;
        }

        if (CanRead(placed.Value!) is { } refused)
        {
            return Error.NotFound("调度表");
        }

        return (form, placed.Value!);
    }

    /// <summary>The not-yet-saved form an id names, among the forms the signed-in unit fills; null when it names none of them.</summary>
    private async Task<(DispatchForm Form, Placement Placement)?> UnsavedAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var scope = portalDb.Scope;
        if (scope.Path is null || scope.EnterpriseId is not null)
        {
            return null;
        }

        var own = scope.OwnCode!;
        var units = DispatchRules.OwnUnitKeys(scope).ToList();
        if (DispatchRules.FillsForVillages(scope))
        {
            units.AddRange(await db.Jurisdictions.AsNoTracking().Where(j => j.ParentCode == own).Onboarded(db).Select(j => j.Code).ToListAsync(ct));
        }

        var known = await reference.GetAsync(portalDb, ct);
        foreach (var template in known.Templates.Values)
        {
            var campaign = known.Campaigns[template.CampaignCode];
            var cutoffs = known.Issues.Where(i => i.TemplateCode == template.Code).SelectMany(i => i.CutoffDays).Append(template.CutoffDay).Distinct().ToList();
            for (var month = new DateOnly(campaign.StartsOn.Year, campaign.StartsOn.Month, 1); month <= campaign.EndsOn; month = month.AddMonths(1))
            {
                var period = ReportingCalendar.PeriodOf(month);
                foreach (var unit in units)
                {
                    foreach (var day in cutoffs.Where(d => FormIds.For(template.Code, unit, period, d) == id))
                    {
                        var (holder, _) = await HolderAsync(db, unit, template.Code, null, ct);
                        if (holder is null || (await PlaceAsync(holder, template.Code, period, day, ct)).Value is not { } p || CanRead(p) is not null
                            || p.Days.CutoffDay != day)
                        {
                            return null;
                        }

                        return (Unsaved(p), p);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Who holds a form: a jurisdiction (with its parent) or a department (at its jurisdiction).</summary>
    private sealed record Holder(string Code, string Path, string Name, string? ParentCode, Guid? DepartmentId);

    /// <summary>
    /// The unit behind a unit key (a jurisdiction code or <c>dept:{id}</c>), as the scope sees it, with its
    /// forms of the template for the period (any cutoff) in the same query; null when unknown or out of scope.
    /// </summary>
    private static async Task<(Holder? Holder, List<DispatchForm> Forms)> HolderAsync(AppDbContext db, string unit, string templateCode, string? period, CancellationToken ct)
    {
        if (unit.StartsWith("dept:", StringComparison.Ordinal))
        {
            if (!Guid.TryParse(unit[5..], out var id))
            {
                return (null, []);
            }

            var dept = await db.Units.AsNoTracking().Where(u => u.Id == id && u.Kind == UnitKind.Department)
                .Select(u => new
                {
                    u.Id, u.Name, u.JurisdictionCode, u.Path,
                    Forms = db.DispatchForms.Where(f => period != null && f.TemplateCode == templateCode && f.UnitKey == unit && f.Period == period).ToList(),
                })
                .SingleOrDefaultAsync(ct);
            return dept is null ? (null, []) : (new Holder(dept.JurisdictionCode, dept.Path.ToString(), dept.Name, null, dept.Id), dept.Forms);
        }

        var node = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == unit)
            .Select(j => new
            {
                j.Code, j.Name, j.Path, j.ParentCode,
                Forms = db.DispatchForms.Where(f => period != null && f.TemplateCode == templateCode && f.UnitKey == unit && f.Period == period).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        return node is null ? (null, []) : (new Holder(node.Code, node.Path.ToString(), node.Name, node.ParentCode, null), node.Forms);
    }

    /// <summary>Resolves the template, the issuance the holder owes (or issues), and the period's days.</summary>
    private async Task<Result<Placement>> PlaceAsync(Holder holder, string templateCode, string period, int? cutoff, CancellationToken ct)
    {
        var known = await reference.GetAsync(portalDb, ct);
        if (!known.Templates.TryGetValue(templateCode, out var template))
        {
            return Error.NotFound("调度表模板");
        }

        var (code, path, name, departmentId) = (holder.Code, holder.Path, holder.Name, holder.DepartmentId);
        DispatchIssue? owedTo;
        if (departmentId is not null)
        {
            owedTo = known.Issue(template.Code, code);
            if (owedTo is null || !owedTo.Recipients.HasFlag(Recipients.Departments))
            {
                return Error.NotFound("本部门需填报的调度表");
            }
        }
        else
        {
            owedTo = holder.ParentCode is null ? null : known.Issue(template.Code, holder.ParentCode);
            if (owedTo is not null && !owedTo.Recipients.HasFlag(Recipients.ChildJurisdictions))
            {
                owedTo = null;
            }
        }

        var issues = departmentId is null ? known.Issue(template.Code, code) : null;
        if (owedTo is null && issues is null)
        {
            return Error.NotFound("本单位需填报的调度表");
        }

        var governing = owedTo ?? issues!;
        var day = cutoff ?? governing.CutoffDays.DefaultIfEmpty(template.CutoffDay).First();
        if (!governing.CutoffDays.Contains(day) && governing.CutoffDays.Count > 0)
        {
            return Error.Invalid("cutoff", $"该调度表的截止日为每月{string.Join("、", governing.CutoffDays)}日");
        }

        var campaign = known.Campaigns[template.CampaignCode];
        var days = ReportingCalendar.For(period, day, template.Window, template.HolidayShift, campaign.StartsOn, known.Calendar);
        var issuerName = owedTo is null ? null : known.IssuerNames.GetValueOrDefault(owedTo.IssuerUnitId);
        var key = departmentId is { } d ? DispatchForm.DepartmentKey(d) : code;
        return new Placement(key, code, path, name, departmentId, template, owedTo, issues, days, issuerName);
    }

    /// <summary>The form a save or submit acts on (created now if a read showed it unsaved), when the signed-in unit fills it.</summary>
    private async Task<Result<(DispatchForm, Placement)>> FillableAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var loaded = await LoadAsync(db, id, ct, create: true);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        return CanFill(loaded.Value.Item2) is { } refused ? refused : loaded.Value;
    }
}
