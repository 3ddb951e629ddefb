using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Identity;
using HazardPortal.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HazardPortal.Web.Features.Security;

/// <summary>
/// SecurityAdmin sets an account's roles. Each role must fit the account's binding, and the three
/// administrative roles never share an account (checked here, and again by the database). Nobody
/// changes their own roles, and the last enabled holder of an administrative role keeps it (三员 must
/// always be staffed).
/// </summary>
public static class AssignRoles
{
    public sealed record Command(Guid UserId, IReadOnlyList<string> Roles);

    public sealed class Handler(PortalDb portalDb)
    {
        public async Task<Result<IReadOnlyList<string>>> HandleAsync(Command command, CancellationToken ct = default)
        {
            if (!AccessRules.IsSecurityAdmin(portalDb.Scope))
            {
                return Error.Forbidden();
            }

            if (command.Roles is null)
            {
                return Error.Invalid("roles", "请提供角色列表（撤销全部角色时为空列表）");
            }

            if (command.Roles.Any(string.IsNullOrWhiteSpace))
            {
                return Error.Invalid("roles", "角色名称不能为空");
            }

            if (portalDb.Scope.UserId == command.UserId)
            {
                return Error.Conflict("不能修改自己的角色，请由另一名安全管理员操作");
            }

            var wanted = command.Roles.Distinct().ToList();
            if (Roles.CheckCombination(wanted) is { } combination)
            {
                return Error.Invalid("roles", combination);
            }

            await using var db = portalDb.Open();
            var user = await UserAccounts.VisibleUsers(db).SingleOrDefaultAsync(u => u.Id == command.UserId, ct);
            if (user is null)
            {
                return Error.NotFound("账号");
            }

            var unit = user.UnitId is { } unitId ? await db.Units.SingleAsync(u => u.Id == unitId, ct) : null;
            var level = unit is null ? (JurisdictionLevel?)null
                : await db.Jurisdictions.Where(j => j.Code == unit.JurisdictionCode).Select(j => j.Level).SingleAsync(ct);
            var bindingErrors = wanted.Select(r => Roles.CheckBinding(r, unit?.Kind, level, user.EnterpriseId is not null)).OfType<string>().ToArray();
            if (bindingErrors.Length > 0)
            {
                return Error.Invalid(new Dictionary<string, string[]> { ["roles"] = bindingErrors });
            }

            var roleIds = await db.Roles.Where(r => wanted.Contains(r.Name!)).ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
            var current = await db.UserRoles.Where(ur => ur.UserId == user.Id).ToListAsync(ct);

            // The last enabled holder of SystemAdmin, SecurityAdmin or Auditor keeps the role.
            var adminRoles = new[] { Roles.SystemAdmin, Roles.SecurityAdmin, Roles.Auditor };
            var held = await db.Roles.Where(r => adminRoles.Contains(r.Name!) && db.UserRoles.Any(ur => ur.UserId == user.Id && ur.RoleId == r.Id))
                .Select(r => new { r.Id, r.Name }).ToListAsync(ct);
            foreach (var role in held.Where(r => !wanted.Contains(r.Name!)))
            {
                var others = await db.UserRoles.CountAsync(ur => ur.RoleId == role.Id && ur.UserId != user.Id
                    && db.Users.Any(u => u.Id == ur.UserId && !u.Disabled), ct);
                if (others == 0)
                {
                    return Error.Conflict($"该账号是最后一个{Roles.ChineseName(role.Name!)}，不能撤销此角色");
                }
            }
            db.UserRoles.RemoveRange(current.Where(ur => !roleIds.ContainsValue(ur.RoleId)));
            foreach (var (_, roleId) in roleIds.Where(r => current.All(c => c.RoleId != r.Value)))
            {
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId });
            }

            user.SecurityStamp = Guid.NewGuid().ToString("N");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { ConstraintName: "ck_user_roles_separation" })
            {
                return Error.Conflict("三员分立：该账号已持有其他管理角色，不能兼任");
            }

            return wanted;
        }
    }
}

/// <summary>SecurityAdmin unlocks an account locked by failed sign-ins.</summary>
public static class UnlockUser
{
    public sealed record Command(Guid UserId);

    public sealed class Handler(PortalDb portalDb)
    {
        public async Task<Result<bool>> HandleAsync(Command command, CancellationToken ct = default)
        {
            if (!AccessRules.IsSecurityAdmin(portalDb.Scope))
            {
                return Error.Forbidden();
            }

            await using var db = portalDb.Open();
            var user = await UserAccounts.VisibleUsers(db).SingleOrDefaultAsync(u => u.Id == command.UserId, ct);
            if (user is null)
            {
                return Error.NotFound("账号");
            }

            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            user.SecurityStamp = Guid.NewGuid().ToString("N"); // a token from before the lockout does not come back to life
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
