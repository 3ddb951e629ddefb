using HazardPortal.Core.Data;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Hazards;

/// <summary>
/// 分级属地 reporting: a reported hazard goes to the lead department(s) of its sector at the subject's supervising level
/// (省/市/县, default county) and to the subject's township. The rule reads the tree above the reporter, so it is the
/// database function <c>hp_route_units</c> (migration NarrowSystemReads), which sees the whole tree for its own duration
/// and returns only the units; the caller's own scope is enough to call it, and the routes are written with the hazard
/// in the reporter's scope.
/// </summary>
public static class HazardRouting
{
    /// <summary>A unit a hazard is routed to.</summary>
    public sealed record RoutedUnit(Guid Id, string Name, RouteKind Kind);

    private sealed record Row(Guid Id, string Name, string Kind);

    public static async Task<List<HazardRoute>> RoutesForAsync(AppDbContext db, Hazard hazard, CancellationToken ct = default) =>
        (await UnitsForAsync(db, hazard.EnterpriseId, hazard.Path.ToString(), hazard.SectorCode, ct)).Select(u => Route(hazard, u)).ToList();

    /// <summary>The units a hazard of this subject and sector is routed to: the sector's lead department(s) at the supervising level, then the township's government.</summary>
    public static async Task<List<RoutedUnit>> UnitsForAsync(AppDbContext db, Guid? enterpriseId, string path, string sectorCode, CancellationToken ct = default)
    {
        object enterprise = enterpriseId is { } id ? id : DBNull.Value;
        var rows = await db.Database.SqlQueryRaw<Row>(
            "SELECT unit_id AS \"Id\", unit_name AS \"Name\", route_kind AS \"Kind\" FROM hp_route_units({0}::ltree, {1}, {2}::uuid)", path, sectorCode, enterprise).ToListAsync(ct);
        return rows.Select(r => new RoutedUnit(r.Id, r.Name, Enum.Parse<RouteKind>(r.Kind))).DistinctBy(u => u.Id).ToList();
    }

    /// <summary>An enterprise's industry department(s): the lead department(s) of its sector at its supervising level.</summary>
    public static async Task<IReadOnlyList<RoutedUnit>> IndustryDepartmentsAsync(AppDbContext db, Guid enterpriseId, CancellationToken ct = default)
    {
        var enterprise = await db.Enterprises.AsNoTracking().Where(e => e.Id == enterpriseId).Select(e => new { e.Path, e.SectorCode }).SingleAsync(ct);
        return (await UnitsForAsync(db, enterpriseId, enterprise.Path.ToString(), enterprise.SectorCode, ct)).Where(u => u.Kind == RouteKind.LeadDepartment).ToList();
    }

    private static HazardRoute Route(Hazard hazard, RoutedUnit unit) => new()
    {
        HazardId = hazard.Id,
        EnterpriseId = hazard.EnterpriseId,
        Path = hazard.Path,
        UnitId = unit.Id,
        UnitName = unit.Name,
        Kind = unit.Kind,
    };
}
