using HazardPortal.Core.Data;

namespace HazardPortal.Core;

/// <summary>
/// The tree holds every division of the NBS list (issue #18), but the portal serves a node only once it is onboarded:
/// once it has a unit (its 人民政府, 安委办, a department) — what an administrator creates, with no code change, when
/// a place joins. Whatever enumerates children as the ones who report, fill or receive — a board's recipients, the
/// villages a township fills for, the townships a county sends a check to, a dashboard's rows, the public form's
/// places — lists onboarded nodes only; the tree API lists every node and says which are onboarded. Units are read
/// in the caller's scope, which always covers its own children.
/// </summary>
public static class Onboarding
{
    public static IQueryable<Jurisdiction> Onboarded(this IQueryable<Jurisdiction> nodes, AppDbContext db) =>
        nodes.Where(j => db.Units.Any(u => u.JurisdictionCode == j.Code));
}
