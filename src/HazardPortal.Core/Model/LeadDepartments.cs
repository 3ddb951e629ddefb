using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core;

/// <summary>
/// SPEC §3: each jurisdiction keeps an editable map sector → lead department(s); a sector with no
/// entry (its own, or its parent sector's) falls back to the jurisdiction's 安委办. The rule is the database function
/// <c>hp_lead_departments</c>, which routing calls too.
/// </summary>
public static class LeadDepartments
{
    /// <summary>The lead departments of a sector at a node (its own entry, else its parent sector's, else the 安委办): <c>hp_lead_departments</c>.</summary>
    public static async Task<IReadOnlyList<Hazards.HazardRouting.RoutedUnit>> ForAsync(AppDbContext db, string jurisdictionCode, string sectorCode, CancellationToken ct = default) =>
        (await db.Database.SqlQueryRaw<Row>("SELECT unit_id AS \"Id\", unit_name AS \"Name\" FROM hp_lead_departments({0}, {1})", jurisdictionCode, sectorCode).ToListAsync(ct))
            .Select(r => new Hazards.HazardRouting.RoutedUnit(r.Id, r.Name, Hazards.RouteKind.LeadDepartment)).ToList();

    private sealed record Row(Guid Id, string Name);

    /// <summary>
    /// Seeds a jurisdiction's map from the sector table: every sector whose default lead department
    /// type matches a department of the jurisdiction gets that department. Existing rows are kept.
    /// </summary>
    public static async Task SeedAsync(AppDbContext db, string jurisdictionCode, CancellationToken ct = default)
    {
        var jurisdiction = await db.Jurisdictions.SingleAsync(j => j.Code == jurisdictionCode, ct);
        var departments = await db.Units
            .Where(u => u.JurisdictionCode == jurisdictionCode && u.Kind == UnitKind.Department && u.DepartmentType != null)
            .ToListAsync(ct);
        var existing = await db.SectorLeads.Where(l => l.JurisdictionCode == jurisdictionCode)
            .Select(l => new { l.SectorCode, l.DepartmentId }).ToListAsync(ct);
        foreach (var sector in await db.Sectors.Where(s => s.DefaultLeadDepartment != null).ToListAsync(ct))
        {
            foreach (var department in departments.Where(d => d.DepartmentType == sector.DefaultLeadDepartment))
            {
                if (!existing.Any(e => e.SectorCode == sector.Code && e.DepartmentId == department.Id))
                {
                    db.SectorLeads.Add(new SectorLead
                    {
                        JurisdictionCode = jurisdictionCode,
                        Path = jurisdiction.Path,
                        SectorCode = sector.Code,
                        DepartmentId = department.Id,
                    });
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
