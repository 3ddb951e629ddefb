using HazardPortal.Core;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Shared;

/// <summary>
/// Who answers for a unit: a department's own accounts, or the accounts of a node's government or 安委办 (not its
/// departments) that hold one of the given roles. Active accounts only; read in the caller's scope. Used to tell the
/// people of a unit something (催报, a public report handed to a township).
/// </summary>
public static class UnitAccounts
{
    public sealed record Account(Guid UserId, Guid UnitId, string JurisdictionCode, bool IsDepartment, LTree Path);

    public static Task<List<Account>> OfAsync(
        AppDbContext db, IReadOnlyCollection<string> nodes, IReadOnlyCollection<Guid> departments, IReadOnlyCollection<string> roles, CancellationToken ct) =>
        (from u in db.Users
         join un in db.Units on u.UnitId equals un.Id
         where !u.Disabled && !un.Disabled
               && (departments.Contains(un.Id)
                   || (nodes.Contains(un.JurisdictionCode) && un.Kind != UnitKind.Department
                       && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!)))))
         select new Account(u.Id, un.Id, un.JurisdictionCode, un.Kind == UnitKind.Department, un.Path)).ToListAsync(ct);
}
