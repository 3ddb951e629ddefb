using FluentValidation;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>Use cases: link a hazard found in an inspection, and the open hazards an inspection may name.</summary>
public sealed partial class Inspections
{
    /// <summary>Links a hazard (registered from this inspection, or one the subject already had open).</summary>
    public async Task<Result<InspectionDto>> LinkHazardAsync(Guid id, Guid hazardId, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var own = await OwnAsync(db, id, "关联隐患", ct);
        if (!own.Succeeded)
        {
            return own.Error!;
        }

        var inspection = own.Value!;

        if (await CheckHazardsAsync(db, [hazardId], inspection.EnterpriseId, inspection.PlaceId, ct) is { } bad)
        {
            return bad;
        }

        if (inspection.LinkHazard(hazardId) is { } error)
        {
            return error;
        }

        db.Entry(inspection).Property(i => i.HazardIds).IsModified = true;
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(db, inspection, ct);
    }

    /// <summary>Open hazards of a subject, offered for linking on the inspection form.</summary>
    public async Task<List<HazardLink>> OpenHazardsAsync(Guid? enterpriseId, Guid? placeId, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        return await db.Hazards.Where(h => (enterpriseId != null && h.EnterpriseId == enterpriseId) || (placeId != null && h.PlaceId == placeId))
            .Where(h => h.Status == HazardStatus.Registered || h.Status == HazardStatus.Reported || h.Status == HazardStatus.Rectified)
            .OrderByDescending(h => h.FoundOn).Take(100)
            .Select(h => new HazardLink(h.Id, h.Title, h.Status, h.Grade)).ToListAsync(ct);
    }

    /// <summary>Linked hazards must be visible, not voided, and of the inspection's subject.</summary>
    private static async Task<Error?> CheckHazardsAsync(AppDbContext db, List<Guid> ids, Guid? enterpriseId, Guid? placeId, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return null;
        }

        var distinct = ids.Distinct().ToList();
        var found = await db.Hazards.Where(h => distinct.Contains(h.Id) && h.Status != HazardStatus.Voided && h.Status != HazardStatus.Draft)
            .Select(h => new { h.Id, h.EnterpriseId, h.PlaceId }).ToListAsync(ct);
        if (found.Count != distinct.Count)
        {
            return Error.Invalid("hazardIds", "关联的隐患不存在、已作废或不在您的管辖范围内");
        }

        return found.Any(h => h.EnterpriseId != enterpriseId || h.PlaceId != placeId)
            ? Error.Invalid("hazardIds", "只能关联本次检查对象的隐患")
            : null;
    }
}
