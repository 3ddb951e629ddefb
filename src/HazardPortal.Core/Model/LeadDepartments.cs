using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core;

/// <summary>
/// SPEC §3: each jurisdiction keeps an editable map sector → lead department(s); a sector with no
/// entry (its own, or its parent sector's) falls back to the jurisdiction's 安委办.
/// </summary>
public static class LeadDepartments
{
    public static async Task<IReadOnlyList<Unit>> ForAsync(AppDbContext db, string jurisdictionCode, string sectorCode, CancellationToken ct = default)
    {
        var sector = await db.Sectors.AsNoTracking().FirstOrDefaultAsync(s => s.Code == sectorCode, ct);
        var codes = sector?.ParentCode is { } parent ? new[] { sectorCode, parent } : new[] { sectorCode };
        var leads = await db.SectorLeads.AsNoTracking()
            .Where(l => l.JurisdictionCode == jurisdictionCode && codes.Contains(l.SectorCode))
            .Join(db.Units, l => l.DepartmentId, u => u.Id, (l, u) => new { l.SectorCode, Unit = u })
            .ToListAsync(ct);
        var own = leads.Where(l => l.SectorCode == sectorCode).Select(l => l.Unit).ToList();
        var chosen = own.Count > 0 ? own : leads.Select(l => l.Unit).ToList();
        if (chosen.Count > 0)
        {
            return chosen;
        }

        return await db.Units.AsNoTracking()
            .Where(u => u.JurisdictionCode == jurisdictionCode && u.Kind == UnitKind.SafetyOffice)
            .ToListAsync(ct);
    }

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
