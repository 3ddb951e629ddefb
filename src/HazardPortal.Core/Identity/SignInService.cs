using HazardPortal.Core.Hazards;
using HazardPortal.Core.Common;
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

    /// <summary>The password was right; the account signs in with a code from its authenticator (or a recovery code).</summary>
    MfaRequired,

    /// <summary>The password was right; the policy asks this account for a second factor it has not set up yet.</summary>
    MfaEnrolmentRequired,

    /// <summary>The password was right, and was set by an administrator: the account must choose its own first.</summary>
    PasswordChangeRequired,

    /// <summary>The new password does not meet the security policy (<see cref="SignInResult.Problems"/> say why).</summary>
    PasswordRejected,
}

/// <param name="AttemptsLeft">After a wrong password: how many more tries before the account is locked (the sign-in page warns).</param>
public sealed record SignInResult(
    SignInOutcome Outcome, ClaimsPrincipal? Principal = null, DateTimeOffset? LockedUntil = null, Guid? UserId = null, string? Stamp = null,
    int? AttemptsLeft = null, IReadOnlyList<string>? Problems = null)
{
    public string Message => Outcome switch
    {
        SignInOutcome.Succeeded => "登录成功",
        SignInOutcome.Failed => AttemptsLeft is { } left ? $"用户名或密码错误，还可尝试{left}次，之后账号将被锁定" : "用户名或密码错误",
        SignInOutcome.PasswordChangeRequired => "首次登录须修改管理员设置的初始密码",
        SignInOutcome.PasswordRejected => "新密码不符合要求：" + string.Join("；", Problems ?? []),
        SignInOutcome.LockedOut => $"密码错误次数过多，账号已锁定，请于{(LockedUntil is { } until ? ChinaTime.Format(until, "HH:mm") : string.Empty)}后再试或联系安全管理员解锁",
        SignInOutcome.Disabled => "账号已停用，请联系系统管理员",
        SignInOutcome.MfaRequired => "请输入身份验证器上的6位验证码（或一个恢复码）",
        SignInOutcome.MfaEnrolmentRequired => "按安全策略，本账号须先在网页上设置身份验证器（双因素认证）后才能登录",
        _ => "登录失败",
    };
}

/// <summary>
/// The one sign-in path for the browser and the API: password check, lockout by the security policy,
/// audit of every success, failure and lockout, and the claims the access scope is built from.
/// </summary>
public sealed class SignInService(PortalDb portalDb, IPasswordHasher<AppUser> hasher, SecurityClock clock, UnknownNames unknownNames)
{
    public async Task<SignInResult> SignInAsync(string? userName, string? password, string? ipAddress, string authenticationType, CancellationToken ct = default) =>
        await SignInAsync(userName, password, null, ipAddress, authenticationType, ct);

    /// <summary>Password and, for an account with a second factor, its code in the same call (the API's token endpoint).</summary>
    public Task<SignInResult> SignInAsync(string? userName, string? password, string? code, string? ipAddress, string authenticationType, CancellationToken ct = default) =>
        SignInAsync(userName, password, code, null, ipAddress, authenticationType, ct);

    /// <summary>
    /// The full sign-in: password, then (for an account whose password an administrator set) the new password it
    /// chooses, then the second factor when the account has one.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string? userName, string? password, string? code, string? newPassword, string? ipAddress, string authenticationType, CancellationToken ct = default)
    {
        userName = (userName ?? string.Empty).Trim();
        var now = clock.GetUtcNow();
        await using var db = portalDb.OpenAs(AccessScope.ActorOnly("sign-in:" + userName));
        var normalized = userName.ToUpperInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);
        var policy = await db.SecurityPolicies.AsNoTracking().FirstOrDefaultAsync(ct) ?? SecurityPolicy.Baseline;

        void Audit(string action, string? detail = null) => db.AuditEntries.Add(new AuditEntry
        {
            Actor = userName!,
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
            // An unknown name counts down and locks like a real account, so the warning tells nobody which names exist.
            Audit("sign-in.failed", "unknown user");
            await db.SaveChangesAsync(ct);
            return unknownNames.Fail(normalized, policy, now);
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
            return await FailAsync(db, user, policy, now, Audit, "password", ct);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password!);
        }

        if (user.MustChangePassword)
        {
            if (newPassword is null)
            {
                Audit("sign-in.password-change-required");
                await db.SaveChangesAsync(ct);
                return new SignInResult(SignInOutcome.PasswordChangeRequired, UserId: user.Id, Stamp: user.SecurityStamp);
            }

            if (ChangeInitialPassword(user, policy, password!, newPassword, Audit) is { } rejected)
            {
                return rejected;
            }
        }

        if (user.TwoFactorEnabled || await RequiresMfaAsync(user, policy, ct))
        {
            if (!user.TwoFactorEnabled)
            {
                // The secret is made here, on the sign-in's POST, so that the enrolment page only shows it.
                user.MfaSecret ??= Mfa.NewSecret();
                Audit("sign-in.mfa-enrolment-required");
                await db.SaveChangesAsync(ct);
                return new SignInResult(SignInOutcome.MfaEnrolmentRequired, UserId: user.Id, Stamp: user.SecurityStamp);
            }

            if (string.IsNullOrWhiteSpace(code))
            {
                Audit("sign-in.mfa-required");
                await db.SaveChangesAsync(ct);
                return new SignInResult(SignInOutcome.MfaRequired, UserId: user.Id, Stamp: user.SecurityStamp);
            }

            if (!CheckCode(user, code, now, Audit))
            {
                return await FailAsync(db, user, policy, now, Audit, "second factor", ct);
            }
        }

        return await SucceedAsync(db, user, now, authenticationType, Audit, ct);
    }

    /// <summary>
    /// The second step of a browser sign-in: the account named by the first step's ticket (its security stamp
    /// unchanged since) and a code. Wrong codes count toward the lockout like wrong passwords.
    /// </summary>
    public async Task<SignInResult> SecondFactorAsync(Guid userId, string stamp, string? code, string? ipAddress, string authenticationType, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = portalDb.OpenAs(AccessScope.ActorOnly("sign-in-mfa", userId));
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        var policy = await db.SecurityPolicies.AsNoTracking().FirstOrDefaultAsync(ct) ?? SecurityPolicy.Baseline;
        if (user is null || user.SecurityStamp != stamp || !user.TwoFactorEnabled)
        {
            return new SignInResult(SignInOutcome.Failed);
        }

        void Audit(string action, string? detail = null) => db.AuditEntries.Add(new AuditEntry
        {
            Actor = user.UserName!, UserId = user.Id, UnitId = user.UnitId ?? user.EnterpriseId, Action = action,
            EntityType = nameof(AppUser), EntityId = user.Id.ToString(), IpAddress = ipAddress, Detail = detail, At = now,
        });

        if (user.LockoutEnd is { } until && until > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: until);
        }

        if (user.Disabled)
        {
            return new SignInResult(SignInOutcome.Disabled);
        }

        return CheckCode(user, code, now, Audit)
            ? await SucceedAsync(db, user, now, authenticationType, Audit, ct)
            : await FailAsync(db, user, policy, now, Audit, "second factor", ct);
    }

    /// <summary>
    /// Sets up the second factor: a new secret for an account without one enabled (kept until confirmed), or the
    /// pending one again. A write, so it is called from a POST (the sign-in's, or <c>POST /api/v1/me/mfa/setup</c>).
    /// </summary>
    public async Task<string?> BeginEnrolmentAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = portalDb.OpenAs(AccessScope.ActorOnly("mfa-enrolment", userId));
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || user.TwoFactorEnabled)
        {
            return null;
        }

        user.MfaSecret ??= Mfa.NewSecret();
        await db.SaveChangesAsync(ct);
        return user.MfaSecret;
    }

    public async Task<(string UserName, string? Secret)?> PendingEnrolmentAsync(Guid userId, string stamp, CancellationToken ct = default)
    {
        await using var db = portalDb.OpenAs(AccessScope.ActorOnly("mfa-enrolment", userId));
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.SecurityStamp == stamp && !u.TwoFactorEnabled, ct);
        return user is null ? null : (user.UserName!, user.MfaSecret);
    }

    /// <summary>
    /// Confirms the authenticator with a code it shows: the second factor is on, ten recovery codes are made (shown
    /// once, kept hashed), and — for the browser's enrolment at sign-in, <paramref name="authenticationType"/> given —
    /// the account is signed in. A wrong code counts toward the lockout.
    /// </summary>
    public async Task<(SignInResult Result, IReadOnlyList<string> RecoveryCodes)> ConfirmEnrolmentAsync(
        Guid userId, string? stamp, string? code, string? ipAddress, string authenticationType, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = portalDb.OpenAs(AccessScope.ActorOnly("mfa-enrolment", userId));
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        var policy = await db.SecurityPolicies.AsNoTracking().FirstOrDefaultAsync(ct) ?? SecurityPolicy.Baseline;
        if (user is null || (stamp is not null && user.SecurityStamp != stamp) || user.TwoFactorEnabled || user.MfaSecret is null || user.Disabled
            || user.LockoutEnd > now)
        {
            return (new SignInResult(SignInOutcome.Failed), []);
        }

        void Audit(string action, string? detail = null) => db.AuditEntries.Add(new AuditEntry
        {
            Actor = user.UserName!, UserId = user.Id, UnitId = user.UnitId ?? user.EnterpriseId, Action = action,
            EntityType = nameof(AppUser), EntityId = user.Id.ToString(), IpAddress = ipAddress, Detail = detail, At = now,
        });

        if (!Mfa.VerifyTotp(user.MfaSecret, code, now, null, out var step))
        {
            return (await FailAsync(db, user, policy, now, Audit, "authenticator set-up", ct), []);
        }

        var (codes, hashes) = Mfa.NewRecoveryCodes();
        (user.TwoFactorEnabled, user.MfaLastStep, user.MfaRecoveryHashes) = (true, step, hashes);
        user.SecurityStamp = Guid.NewGuid().ToString("N"); // sessions signed in with one factor end
        Audit("account.mfa-enabled");
        return (await SucceedAsync(db, user, now, authenticationType, Audit, ct), codes);
    }

    /// <summary>Whether the security policy asks this account for a second factor (its roles and its office's level).</summary>
    public async Task<bool> RequiresMfaAsync(AppUser user, SecurityPolicy policy, CancellationToken ct = default)
    {
        if (!policy.RequireMfaForAdministrators && !policy.RequireMfaForOffices)
        {
            return false;
        }

        await using var db = portalDb.OpenAs(AccessScope.ActorOnly("sign-in-mfa-policy", user.Id));
        var roles = await RolesOfAsync(db, user.Id, ct);
        if (policy.RequireMfaForAdministrators && roles.Any(r => r is Roles.SystemAdmin or Roles.SecurityAdmin or Roles.Auditor))
        {
            return true;
        }

        if (!policy.RequireMfaForOffices || !roles.Contains(Roles.SafetyOffice) || user.UnitId is not { } unitId)
        {
            return false;
        }

        var binding = await UserBinding.LoadAsync(db, user.Id, ct);
        return binding?.UnitId == unitId && binding.JurisdictionLevel is JurisdictionLevel.National or JurisdictionLevel.Province or JurisdictionLevel.Prefecture or JurisdictionLevel.County;
    }

    private static bool CheckCode(AppUser user, string? code, DateTimeOffset now, Action<string, string?> audit)
    {
        if (user.MfaSecret is { } secret && Mfa.VerifyTotp(secret, code, now, user.MfaLastStep, out var step))
        {
            user.MfaLastStep = step;
            return true;
        }

        if (Mfa.UseRecoveryCode(user.MfaRecoveryHashes, code, out var remaining))
        {
            user.MfaRecoveryHashes = remaining;
            audit("sign-in.recovery-code-used", $"{remaining.Split(',', StringSplitOptions.RemoveEmptyEntries).Length} left");
            return true;
        }

        return false;
    }

    /// <summary>
    /// The second step of a first sign-in: the account named by the first step's ticket (its security stamp unchanged
    /// since) chooses its own password; then the sign-in goes on (a second factor when the account needs one).
    /// </summary>
    public async Task<SignInResult> ChangeInitialPasswordAsync(Guid userId, string stamp, string? newPassword, string? ipAddress, string authenticationType, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = portalDb.OpenAs(AccessScope.ActorOnly("sign-in-password", userId));
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || user.SecurityStamp != stamp || !user.MustChangePassword || user.Disabled || user.LockoutEnd > now)
        {
            return new SignInResult(SignInOutcome.Failed);
        }

        var policy = await db.SecurityPolicies.AsNoTracking().FirstOrDefaultAsync(ct) ?? SecurityPolicy.Baseline;
        void Audit(string action, string? detail = null) => db.AuditEntries.Add(new AuditEntry
        {
            Actor = user.UserName!, UserId = user.Id, UnitId = user.UnitId ?? user.EnterpriseId, Action = action,
            EntityType = nameof(AppUser), EntityId = user.Id.ToString(), IpAddress = ipAddress, Detail = detail, At = now,
        });

        if (ChangeInitialPassword(user, policy, null, newPassword ?? string.Empty, Audit) is { } rejected)
        {
            return rejected with { UserId = user.Id, Stamp = stamp };
        }

        if (user.TwoFactorEnabled || await RequiresMfaAsync(user, policy, ct))
        {
            // The second factor is asked on its own page, with a ticket of the new stamp.
            if (!user.TwoFactorEnabled)
            {
                user.MfaSecret ??= Mfa.NewSecret();
            }

            await db.SaveChangesAsync(ct);
            return new SignInResult(user.TwoFactorEnabled ? SignInOutcome.MfaRequired : SignInOutcome.MfaEnrolmentRequired, UserId: user.Id, Stamp: user.SecurityStamp);
        }

        return await SucceedAsync(db, user, now, authenticationType, Audit, ct);
    }

    /// <summary>The new password against the policy (and not the initial one); on success it replaces it and ends the old sessions.</summary>
    private SignInResult? ChangeInitialPassword(AppUser user, SecurityPolicy policy, string? initial, string newPassword, Action<string, string?> audit)
    {
        var problems = policy.CheckPassword(newPassword).ToList();
        if ((initial is not null && newPassword == initial) || hasher.VerifyHashedPassword(user, user.PasswordHash ?? string.Empty, newPassword) != PasswordVerificationResult.Failed)
        {
            problems.Add("新密码不能与管理员设置的初始密码相同");
        }

        if (problems.Count > 0)
        {
            return new SignInResult(SignInOutcome.PasswordRejected, Problems: problems);
        }

        user.PasswordHash = hasher.HashPassword(user, newPassword);
        user.MustChangePassword = false;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        audit("account.password-changed", null);
        return null;
    }

    private static async Task<SignInResult> FailAsync(AppDbContext db, AppUser user, SecurityPolicy policy, DateTimeOffset now, Action<string, string?> audit, string what, CancellationToken ct)
    {
        user.AccessFailedCount++;
        audit("sign-in.failed", $"{what}: failure {user.AccessFailedCount} of {policy.LockoutThreshold}");
        if (user.AccessFailedCount >= policy.LockoutThreshold)
        {
            user.LockoutEnd = now.AddMinutes(policy.LockoutMinutes);
            user.AccessFailedCount = 0;
            user.SecurityStamp = Guid.NewGuid().ToString("N"); // sessions and tokens issued before the lockout end with it
            audit("account.locked-out", $"{policy.LockoutMinutes} minutes");
            await db.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: user.LockoutEnd);
        }

        await db.SaveChangesAsync(ct);
        return new SignInResult(SignInOutcome.Failed, AttemptsLeft: policy.LockoutThreshold - user.AccessFailedCount);
    }

    private async Task<SignInResult> SucceedAsync(AppDbContext db, AppUser user, DateTimeOffset now, string authenticationType, Action<string, string?> audit, CancellationToken ct)
    {
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        user.LastSignInAt = now;
        audit("sign-in.succeeded", authenticationType);
        await db.SaveChangesAsync(ct);
        return new SignInResult(SignInOutcome.Succeeded, await BuildPrincipalAsync(user, authenticationType, ct));
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
        if (user is null || user.Disabled || user.LockoutEnd > clock.GetUtcNow() || user.SecurityStamp != issued.FindFirstValue(PortalClaims.SecurityStamp)
            || issued.FindFirstValue(PortalClaims.TokenId) is not { Length: > 0 } tokenId)
        {
            return null;
        }

        // Each refresh token once: the primary key refuses a second exchange, even two at the same moment.
        db.UsedRefreshTokens.Add(new UsedRefreshToken { TokenId = tokenId, UserId = id, UsedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return null;
        }

        return await BuildPrincipalAsync(user, authenticationType, ct);
    }

    /// <summary>
    /// The claims of a user: identity, roles, the bound unit or enterprise and its jurisdiction path.
    /// The user has no scope yet: the binding is read through the narrow function <c>hp_user_binding</c>.
    /// </summary>
    public async Task<ClaimsPrincipal> BuildPrincipalAsync(AppUser user, string authenticationType, CancellationToken ct = default)
    {
        await using var db = portalDb.OpenAs(AccessScope.ActorOnly("sign-in-binding", user.Id));
        var roles = await RolesOfAsync(db, user.Id, ct);
        var binding = await UserBinding.LoadAsync(db, user.Id, ct);

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName!),
            new(PortalClaims.DisplayName, user.DisplayName),
            new(PortalClaims.SecurityStamp, user.SecurityStamp ?? string.Empty),
            new(PortalClaims.TokenId, Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (binding is not null)
        {
            claims.Add(new Claim(PortalClaims.UnitId, binding.UnitId.ToString()));
            claims.Add(new Claim(PortalClaims.UnitName, binding.UnitName));
            claims.Add(new Claim(PortalClaims.UnitKind, binding.UnitKind));
            claims.Add(new Claim(PortalClaims.ScopePath, binding.Path));
            claims.Add(new Claim(PortalClaims.JurisdictionCode, binding.JurisdictionCode));
            claims.Add(new Claim(PortalClaims.JurisdictionName, binding.JurisdictionName));
            claims.Add(new Claim(PortalClaims.JurisdictionLevel, binding.JurisdictionLevel.ToString()));
            claims.AddRange(binding.Sectors.Select(s => new Claim(PortalClaims.Sector, s)));
            if (binding.EnterpriseId is { } e)
            {
                claims.Add(new Claim(PortalClaims.EnterpriseId, e.ToString()));
            }
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>A user's role names (user_roles and roles are not scoped tables).</summary>
    private static Task<List<string>> RolesOfAsync(AppDbContext db, Guid userId, CancellationToken ct) =>
        db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);
}

/// <summary>What a user is bound to: one unit or one enterprise, with its jurisdiction (read by <c>hp_user_binding</c>).</summary>
public sealed record UserBinding(Guid UnitId, string UnitName, string UnitKind, string JurisdictionCode, string Path, Guid? EnterpriseId, IReadOnlyList<string> Sectors,
    string JurisdictionName, JurisdictionLevel JurisdictionLevel)
{
    private sealed record Row(Guid UnitId, string UnitName, string UnitKind, string JurisdictionCode, string Path, Guid? EnterpriseId, string[] Sectors, string JurisdictionName, string JurisdictionLevel);

    public static async Task<UserBinding?> LoadAsync(AppDbContext db, Guid userId, CancellationToken ct)
    {
        var row = await db.Database.SqlQueryRaw<Row>(
            """
            SELECT unit_id AS "UnitId", unit_name AS "UnitName", unit_kind AS "UnitKind", jurisdiction_code AS "JurisdictionCode", path AS "Path",
                   enterprise_id AS "EnterpriseId", sectors AS "Sectors", jurisdiction_name AS "JurisdictionName", jurisdiction_level AS "JurisdictionLevel"
              FROM hp_user_binding({0})
            """, userId).SingleOrDefaultAsync(ct);
        return row is null ? null : new UserBinding(row.UnitId, row.UnitName, row.UnitKind, row.JurisdictionCode, row.Path, row.EnterpriseId, row.Sectors,
            row.JurisdictionName, Enum.Parse<JurisdictionLevel>(row.JurisdictionLevel));
    }
}

/// <summary>
/// Failed sign-ins under names that are no account, counted like an account's (in memory, per process): the
/// "还可尝试 N 次" warning and the lockout look the same whether the name exists or not.
/// </summary>
public sealed class UnknownNames
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Failures, DateTimeOffset? LockedUntil, DateTimeOffset Last)> names = new();

    public SignInResult Fail(string normalizedName, SecurityPolicy policy, DateTimeOffset now)
    {
        if (names.Count > 10_000)
        {
            foreach (var stale in names.Where(n => n.Value.Last < now.AddHours(-1)).Select(n => n.Key).ToList())
            {
                names.TryRemove(stale, out _);
            }
        }

        var entry = names.AddOrUpdate(
            normalizedName,
            _ => (1, null, now),
            (_, e) => e.LockedUntil > now ? e with { Last = now } : (e.LockedUntil is null ? e.Failures + 1 : 1, null, now));
        if (entry.LockedUntil > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: entry.LockedUntil);
        }

        if (entry.Failures >= policy.LockoutThreshold)
        {
            var until = now.AddMinutes(policy.LockoutMinutes);
            names[normalizedName] = (0, until, now);
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: until);
        }

        return new SignInResult(SignInOutcome.Failed, AttemptsLeft: policy.LockoutThreshold - entry.Failures);
    }
}
