using HazardPortal.Core.Data;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Hazards;

/// <summary>
/// 分级属地 reporting: a reported hazard goes to the lead department(s) of its sector at the
/// subject's supervising level (省/市/县, default county) and to the subject's township. The lookup
/// reads the tree above the reporter, so it runs on a system-scope context; the routes themselves are
/// written with the hazard, in the reporter's scope.
/// </summary>
public static class HazardRouting
{
    public static async Task<List<HazardRoute>> RoutesForAsync(AppDbContext system, Hazard hazard, CancellationToken ct = default) =>
        (await UnitsForAsync(system, hazard.EnterpriseId, hazard.Path.ToString(), hazard.SectorCode, ct)).Select(u => Route(hazard, u.Unit, u.Kind)).ToList();

    /// <summary>The units a hazard of this subject and sector is routed to: the sector's lead department(s) at the supervising level, then the township's government.</summary>
    public static async Task<List<(Unit Unit, RouteKind Kind)>> UnitsForAsync(AppDbContext system, Guid? enterpriseId, string path, string sectorCode, CancellationToken ct = default)
    {
        var level = JurisdictionLevel.County;
        if (enterpriseId is { } id)
        {
            level = LevelOf(await system.Enterprises.Where(e => e.Id == id).Select(e => e.SupervisingLevel).SingleAsync(ct));
        }

        var codes = JurisdictionPath.Labels(path);
        var ancestors = await system.Jurisdictions.AsNoTracking().Where(j => codes.Contains(j.Code)).ToListAsync(ct);
        var units = new List<(Unit, RouteKind)>();
        if (LevelNode(ancestors, level) is { } levelNode)
        {
            foreach (var unit in await LeadDepartments.ForAsync(system, levelNode.Code, sectorCode, ct))
            {
                units.Add((unit, RouteKind.LeadDepartment));
            }
        }

        var township = ancestors.FirstOrDefault(j => j.Level == JurisdictionLevel.Township);
        if (township is not null)
        {
            var government = await system.Units.AsNoTracking()
                .FirstOrDefaultAsync(u => u.JurisdictionCode == township.Code && u.Kind == UnitKind.Government, ct);
            if (government is not null)
            {
                units.Add((government, RouteKind.Township));
            }
        }

        return units.DistinctBy(u => u.Item1.Id).ToList();
    }

    /// <summary>An enterprise's industry department(s): the lead department(s) of its sector at its supervising level.</summary>
    public static async Task<IReadOnlyList<Unit>> IndustryDepartmentsAsync(AppDbContext system, Guid enterpriseId, CancellationToken ct = default)
    {
        var enterprise = await system.Enterprises.AsNoTracking().Where(e => e.Id == enterpriseId).Select(e => new { e.Path, e.SectorCode, e.SupervisingLevel }).SingleAsync(ct);
        var codes = JurisdictionPath.Labels(enterprise.Path.ToString());
        var ancestors = await system.Jurisdictions.AsNoTracking().Where(j => codes.Contains(j.Code)).ToListAsync(ct);
        return LevelNode(ancestors, LevelOf(enterprise.SupervisingLevel)) is { } node
            ? await LeadDepartments.ForAsync(system, node.Code, enterprise.SectorCode, ct)
            : [];
    }

    private static JurisdictionLevel LevelOf(SupervisingLevel supervising) => supervising switch
    {
        SupervisingLevel.Province => JurisdictionLevel.Province,
        SupervisingLevel.Prefecture => JurisdictionLevel.Prefecture,
        _ => JurisdictionLevel.County,
    };

    /// <summary>
    /// The nearest ancestor at the supervising level, or the nearest above it (Chongqing's counties
    /// sit under a statistical grouping, not a prefecture government).
    /// </summary>
    private static Jurisdiction? LevelNode(List<Jurisdiction> ancestors, JurisdictionLevel level) =>
        ancestors.FirstOrDefault(j => j.Level == level)
        ?? ancestors.Where(j => j.Level < level && j.Level >= JurisdictionLevel.Province).OrderByDescending(j => j.Level).FirstOrDefault();

    private static HazardRoute Route(Hazard hazard, Unit unit, RouteKind kind) => new()
    {
        HazardId = hazard.Id,
        EnterpriseId = hazard.EnterpriseId,
        Path = hazard.Path,
        UnitId = unit.Id,
        UnitName = unit.Name,
        Kind = kind,
    };
}
