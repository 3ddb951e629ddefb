using HazardPortal.Core;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Admin;

/// <summary>Lists for the SystemAdmin screens, within the admin's scope.</summary>
public sealed class AdminQueries(PortalDb portalDb)
{
    public sealed record UnitRow(Guid Id, string Name, UnitKind Kind, string JurisdictionCode, string JurisdictionName, string? DepartmentType, List<string> SectorCodes, bool Disabled);

    public sealed record PlaceRow(Guid Id, string Name, string JurisdictionCode, string JurisdictionName, string SectorCode, string SectorName, string? Address, bool IsPark, decimal? CapacityKw, bool Disabled);

    public sealed record Option(string Code, string Name);

    public async Task<List<UnitRow>> UnitsAsync(string? q, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var query = db.Units.AsNoTracking().Where(u => u.Kind != UnitKind.Operations);
        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.Where(u => u.Name.Contains(q.Trim()) || u.JurisdictionCode.StartsWith(q.Trim()));
        }

        return await query.OrderBy(u => u.Path).ThenBy(u => u.Kind).ThenBy(u => u.Name).Take(300)
            .Select(u => new UnitRow(u.Id, u.Name, u.Kind, u.JurisdictionCode, db.Jurisdictions.Where(j => j.Code == u.JurisdictionCode).Select(j => j.Name).First(), u.DepartmentType, u.SectorCodes, u.Disabled))
            .ToListAsync(ct);
    }

    public async Task<List<PlaceRow>> PlacesAsync(string? q, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var query = db.Places.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.Where(p => p.Name.Contains(q.Trim()));
        }

        return await query.OrderBy(p => p.Path).ThenBy(p => p.Name).Take(300)
            .Select(p => new PlaceRow(p.Id, p.Name, p.JurisdictionCode, db.Jurisdictions.Where(j => j.Code == p.JurisdictionCode).Select(j => j.Name).First(),
                p.SectorCode, db.Sectors.Where(s => s.Code == p.SectorCode).Select(s => s.Name).First(), p.Address, p.IsPark, p.CapacityKw, p.Disabled))
            .ToListAsync(ct);
    }

    public async Task<List<Option>> JurisdictionsAsync(string? q, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        q = q?.Trim() ?? string.Empty;
        return await db.Jurisdictions.AsNoTracking().Where(j => j.Name.Contains(q) || j.Code.StartsWith(q))
            .OrderBy(j => j.Path).Take(100).Select(j => new Option(j.Code, j.Name + "（" + j.Code + "）")).ToListAsync(ct);
    }

    /// <summary>Registered parks (各类园区), for the enterprises that sit in one.</summary>
    public async Task<List<Option>> ParksAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        return await db.Places.AsNoTracking().Where(p => p.IsPark && !p.Disabled).OrderBy(p => p.Path).ThenBy(p => p.Name)
            .Select(p => new Option(p.Id.ToString(), p.Name)).ToListAsync(ct);
    }

    public async Task<List<Option>> SectorsAsync(CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        return await db.Sectors.AsNoTracking().OrderBy(s => s.Code)
            .Select(s => new Option(s.Code, s.ParentCode == null ? s.Name : "　" + s.Name)).ToListAsync(ct);
    }
}
