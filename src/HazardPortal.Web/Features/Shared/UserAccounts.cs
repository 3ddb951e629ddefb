using HazardPortal.Core.Common;
using HazardPortal.Core;
using HazardPortal.Core.Data;
using HazardPortal.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Shared;

/// <summary>
/// The accounts an admin may manage: those bound to a unit or enterprise inside the admin's scope
/// (the tenant filter on units and enterprises decides). Used by the SystemAdmin and SecurityAdmin screens.
/// </summary>
public sealed class UserAccounts(PortalDb portalDb, SecurityClock clock)
{
    public sealed record Row(Guid Id, string UserName, string DisplayName, string BoundTo, string BindingKind, string JurisdictionName, List<string> Roles, bool Disabled, DateTimeOffset? LockedUntil, DateTimeOffset? LastSignInAt);

    public async Task<List<Row>> ListAsync(string? q, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var now = clock.GetUtcNow();
        var users = VisibleUsers(db);
        if (!string.IsNullOrWhiteSpace(q))
        {
            users = users.Where(u => u.UserName!.Contains(q) || u.DisplayName.Contains(q));
        }

        return await users.OrderBy(u => u.UserName).Take(500).Select(u => new Row(
            u.Id,
            u.UserName!,
            u.DisplayName,
            db.Units.Where(x => x.Id == u.UnitId).Select(x => x.Name).FirstOrDefault() ?? db.Enterprises.Where(x => x.Id == u.EnterpriseId).Select(x => x.Name).FirstOrDefault() ?? "",
            u.EnterpriseId != null ? "企业" : "单位",
            db.Jurisdictions.Where(j => j.Code == (db.Units.Where(x => x.Id == u.UnitId).Select(x => x.JurisdictionCode).FirstOrDefault() ?? db.Enterprises.Where(x => x.Id == u.EnterpriseId).Select(x => x.JurisdictionCode).FirstOrDefault())).Select(j => j.Name).FirstOrDefault() ?? "",
            db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            u.Disabled,
            u.LockoutEnd > now ? u.LockoutEnd : null,
            u.LastSignInAt)).ToListAsync(ct);
    }

    /// <summary>Users bound to a unit or enterprise the caller can see.</summary>
    public static IQueryable<AppUser> VisibleUsers(AppDbContext db) =>
        db.Users.Where(u => db.Units.Any(x => x.Id == u.UnitId) || db.Enterprises.Any(x => x.Id == u.EnterpriseId));

    public sealed record BindingOption(Guid Id, string Name, string Kind, string JurisdictionName, bool IsEnterprise);

    /// <summary>Units and enterprises an account can be bound to, for the picker.</summary>
    public async Task<List<BindingOption>> BindingOptionsAsync(string? q, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        q = q?.Trim() ?? string.Empty;
        var units = await db.Units.Where(u => !u.Disabled && u.Name.Contains(q)).OrderBy(u => u.Path).Take(50)
            .Select(u => new BindingOption(u.Id, u.Name, u.Kind.ToString(), db.Jurisdictions.Where(j => j.Code == u.JurisdictionCode).Select(j => j.Name).First(), false))
            .ToListAsync(ct);
        var enterprises = await db.Enterprises.Where(e => !e.Disabled && (e.Name.Contains(q) || e.Uscc == q)).OrderBy(e => e.Name).Take(50)
            .Select(e => new BindingOption(e.Id, e.Name, "Enterprise", db.Jurisdictions.Where(j => j.Code == e.JurisdictionCode).Select(j => j.Name).First(), true))
            .ToListAsync(ct);
        return [.. units, .. enterprises];
    }

    public static string KindName(string kind) => kind switch
    {
        "Enterprise" => "企业",
        _ when Enum.TryParse<UnitKind>(kind, out var k) => Unit.KindName(k),
        _ => kind,
    };
}
