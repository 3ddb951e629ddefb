using HazardPortal.Core.Common;
using HazardPortal.Core.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>Use case: open a unit's form for a period, or by id — the stored form, or the computed values of one not yet saved.</summary>
public sealed partial class DispatchService
{
    /// <summary>The form of a unit for a period (created on first read), or why there is none.</summary>
    public async Task<Result<FormDto>> OpenAsync(string unit, string template, string period, int? cutoff, CancellationToken ct = default)
    {
        if (!ReportingCalendar.TryParsePeriod(period, out _))
        {
            return Error.Invalid("period", "期间格式应为yyyy-MM");
        }

        await using var db = await ConnectAsync(ct);
        var (holder, forms) = await HolderAsync(db, unit, template, period, ct);
        if (holder is null)
        {
            return unit.StartsWith("dept:", StringComparison.Ordinal) ? Error.NotFound("部门") : Error.NotFound("地区");
        }

        var placed = await PlaceAsync(holder, template, period, cutoff, ct);
        if (!placed.Succeeded)
        {
            return placed.Error!;
        }

        var p = placed.Value!;
        if (CanRead(p) is { } refused)
        {
            return refused;
        }

        // Reads never write: a form nobody has saved yet is computed and shown with the id it will have; its first
        // save or submit creates the row. A period outside the template's campaign has no form at all.
        var campaign = (await reference.GetAsync(portalDb, ct)).Campaigns[p.Template.CampaignCode];
        if (!InCampaign(period, campaign))
        {
            return Error.Invalid("period", $"期间须在专项行动期间（{campaign.StartsOn:yyyy-MM}至{campaign.EndsOn:yyyy-MM}）");
        }

        var form = forms.FirstOrDefault(f => f.CutoffDay == p.Days.CutoffDay) ?? Unsaved(p);
        return await ToDtoAsync(db, form, p, ct);
    }

    public async Task<Result<FormDto>> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await ConnectAsync(ct);
        var loaded = await LoadAsync(db, id, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var (form, p) = loaded.Value;
        return await ToDtoAsync(db, form, p, ct);
    }
}
