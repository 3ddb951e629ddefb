using HazardPortal.Core.Data;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>Choices the record forms offer, read in the user's scope.</summary>
public sealed class RecordLookups(PortalDb portalDb)
{
    public sealed record Option(string Code, string Name, int Depth);

    /// <summary>Jurisdictions in scope down to townships (villages when the scope is a township), indented by depth.</summary>
    public async Task<List<Option>> JurisdictionsAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var rows = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Path).Take(2000)
            .Select(j => new { j.Code, j.Name, j.Path }).ToListAsync(ct);
        var top = rows.Count == 0 ? 0 : rows.Min(r => JurisdictionPath.Depth(r.Path.ToString()));
        return rows.Where(r => JurisdictionPath.Depth(r.Path.ToString()) - top <= 2)
            .Select(r => new Option(r.Code, r.Name, JurisdictionPath.Depth(r.Path.ToString()) - top)).ToList();
    }

    /// <summary>The sector taxonomy (sub-sectors indented), for records that name their own sector.</summary>
    public async Task<List<Option>> SectorsAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        return await db.Sectors.AsNoTracking().OrderBy(s => s.Code)
            .Select(s => new Option(s.Code, s.Name, s.ParentCode == null ? 0 : 1)).ToListAsync(ct);
    }

    /// <summary>The code of the signed-in user's own node (their unit's jurisdiction).</summary>
    public string? OwnCode => portalDb.Scope.OwnCode;
}
