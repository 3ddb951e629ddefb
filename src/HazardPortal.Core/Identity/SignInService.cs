using System.Security.Claims;
using HazardPortal.Core.Audit;
using HazardPortal.Core.Data;
using HazardPortal.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Identity;

public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
    Disabled,
}

public sealed record SignInResult(SignInOutcome Outcome, ClaimsPrincipal? Principal = null, DateTimeOffset? LockedUntil = null)
{
    public string Message => Outcome switch
    {
        SignInOutcome.Succeeded => "登录成功",
        SignInOutcome.Failed => "用户名或密码错误",
        SignInOutcome.LockedOut => $"密码错误次数过多，账号已锁定，请于{LockedUntil?.ToOffset(TimeSpan.FromHours(8)):HH:mm}后再试或联系安全管理员解锁",
        SignInOutcome.Disabled => "账号已停用，请联系系统管理员",
    };
}

/// <summary>
/// The one sign-in path for the browser and the API: password check, lockout by the security policy,
/// audit of every success, failure and lockout, and the claims the access scope is built from.
/// </summary>
public sealed class SignInService(PortalDb portalDb, IPasswordHasher<AppUser> hasher, TimeProvider clock)
{
    public async Task<SignInResult> SignInAsync(string? userName, string? password, string? ipAddress, string authenticationType, CancellationToken ct = default)
    {
        userName = (userName ?? string.Empty).Trim();
        var now = clock.GetUtcNow();
        await using var db = portalDb.OpenAs(AccessScope.ActorOnly("sign-in:" + userName));
        var normalized = userName.ToUpperInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);
        var policy = await db.SecurityPolicies.AsNoTracking().FirstOrDefaultAsync(ct) ?? SecurityPolicy.Baseline;

        void Audit(string action, string? detail = null) => db.AuditEntries.Add(new AuditEntry
        {
            Actor = userName,
            UserId = user?.Id,
            UnitId = user?.UnitId ?? user?.EnterpriseId,
            Action = action,
            EntityType = nameof(AppUser),
            EntityId = user?.Id.ToString(),
            IpAddress = ipAddress,
            Detail = detail,
            At = now,
        });

        if (user is null)
        {
            Audit("sign-in.failed", "unknown user");
            await db.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.Failed);
        }

        if (user.LockoutEnd is { } until && until > now)
        {
            Audit("sign-in.refused-locked");
            await db.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: until);
        }

        if (user.Disabled)
        {
            Audit("sign-in.refused-disabled");
            await db.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.Disabled);
        }

        var verdict = user.PasswordHash is null ? PasswordVerificationResult.Failed : hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? string.Empty);
        if (verdict == PasswordVerificationResult.Failed)
        {
            user.AccessFailedCount++;
            Audit("sign-in.failed", $"failure {user.AccessFailedCount} of {policy.LockoutThreshold}");
            if (user.AccessFailedCount >= policy.LockoutThreshold)
            {
                user.LockoutEnd = now.AddMinutes(policy.LockoutMinutes);
                user.AccessFailedCount = 0;
                user.SecurityStamp = Guid.NewGuid().ToString("N"); // sessions and tokens issued before the lockout end with it
                Audit("account.locked-out", $"{policy.LockoutMinutes} minutes");
                await db.SaveChangesAsync(ct);
                return new SignInResult(SignInOutcome.LockedOut, LockedUntil: user.LockoutEnd);
            }

            await db.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.Failed);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password!);
        }

        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        user.LastSignInAt = now;
        Audit("sign-in.succeeded", authenticationType);
        await db.SaveChangesAsync(ct);

        var principal = await BuildPrincipalAsync(user, authenticationType, ct);
        return new SignInResult(SignInOutcome.Succeeded, principal);
    }

    /// <summary>
    /// A new token pair for the user a refresh token names, read afresh from the database (roles, binding),
    /// or null when the account is gone, disabled, locked or its security stamp has changed since the token
    /// was issued (a role change, an unlock, a disable, a lockout revoke every refresh token at once).
    /// </summary>
    public async Task<ClaimsPrincipal?> RefreshAsync(ClaimsPrincipal issued, string authenticationType, CancellationToken ct = default)
    {
        if (!Guid.TryParse(issued.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return null;
        }

        await using var db = portalDb.OpenAs(AccessScope.ActorOnly("token-refresh", id));
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null || user.Disabled || user.LockoutEnd > clock.GetUtcNow() || user.SecurityStamp != issued.FindFirstValue(PortalClaims.SecurityStamp))
        {
            return null;
        }

        return await BuildPrincipalAsync(user, authenticationType, ct);
    }

    /// <summary>
    /// The claims of a user: identity, roles, the bound unit or enterprise and its jurisdiction path.
    /// Reading the binding is a narrow system-scope read (the user has no scope yet).
    /// </summary>
    public async Task<ClaimsPrincipal> BuildPrincipalAsync(AppUser user, string authenticationType, CancellationToken ct = default)
    {
        await using var system = portalDb.OpenSystem("sign-in-binding");
        var roles = await system.UserRoles.Where(ur => ur.UserId == user.Id)
            .Join(system.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);
        var binding = await UserBinding.LoadAsync(system, user, ct);

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName!),
            new(PortalClaims.DisplayName, user.DisplayName),
            new(PortalClaims.SecurityStamp, user.SecurityStamp ?? string.Empty),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (binding is not null)
        {
            claims.Add(new Claim(PortalClaims.UnitId, binding.UnitId.ToString()));
            claims.Add(new Claim(PortalClaims.UnitName, binding.UnitName));
            claims.Add(new Claim(PortalClaims.UnitKind, binding.UnitKind));
            claims.Add(new Claim(PortalClaims.ScopePath, binding.Path));
            claims.Add(new Claim(PortalClaims.JurisdictionCode, binding.JurisdictionCode));
            var jurisdiction = await system.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == binding.JurisdictionCode, ct);
            claims.Add(new Claim(PortalClaims.JurisdictionName, jurisdiction.Name));
            claims.Add(new Claim(PortalClaims.JurisdictionLevel, jurisdiction.Level.ToString()));
            claims.AddRange(binding.Sectors.Select(s => new Claim(PortalClaims.Sector, s)));
            if (binding.EnterpriseId is { } e)
            {
                claims.Add(new Claim(PortalClaims.EnterpriseId, e.ToString()));
            }
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}

/// <summary>What a user is bound to: one unit or one enterprise, with its jurisdiction.</summary>
public sealed record UserBinding(Guid UnitId, string UnitName, string UnitKind, string JurisdictionCode, string Path, Guid? EnterpriseId, IReadOnlyList<string> Sectors)
{
    public static async Task<UserBinding?> LoadAsync(AppDbContext db, AppUser user, CancellationToken ct)
    {
        if (user.EnterpriseId is { } enterpriseId)
        {
            var e = await db.Enterprises.AsNoTracking().Where(x => x.Id == enterpriseId)
                .Select(x => new { x.Id, x.Name, x.JurisdictionCode, x.Path }).SingleOrDefaultAsync(ct);
            return e is null ? null : new UserBinding(e.Id, e.Name, "Enterprise", e.JurisdictionCode, e.Path.ToString(), e.Id, []);
        }

        var u = await db.Units.AsNoTracking().Where(x => x.Id == user.UnitId)
            .Select(x => new { x.Id, x.Name, x.Kind, x.JurisdictionCode, x.Path, x.SectorCodes }).SingleOrDefaultAsync(ct);
        return u is null ? null : new UserBinding(u.Id, u.Name, u.Kind.ToString(), u.JurisdictionCode, u.Path.ToString(), null, u.SectorCodes);
    }
}
