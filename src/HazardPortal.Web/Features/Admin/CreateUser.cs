using FluentValidation;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Identity;
using HazardPortal.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Admin;

/// <summary>
/// SystemAdmin creates an account bound to one unit or enterprise in its scope. Roles are granted
/// separately by the SecurityAdmin (三员分立).
/// </summary>
public static class CreateUser
{
    public sealed class Command
    {
        public string UserName { get; set; } = string.Empty;

        public string DisplayName { get; set; } = string.Empty;

        public string Password { get; set; } = string.Empty;

        public Guid? UnitId { get; set; }

        public Guid? EnterpriseId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserName).NotEmpty().WithMessage("请填写用户名")
                .Matches("^[a-zA-Z0-9][a-zA-Z0-9._-]{2,49}$").WithMessage("用户名为3到50位字母、数字、点、下划线或连字符，以字母或数字开头");
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage("请填写姓名").MaximumLength(100).WithMessage("姓名不超过100字");
            RuleFor(c => c).Must(c => (c.UnitId is null) != (c.EnterpriseId is null)).WithName("unitId").WithMessage("账号须隶属于一个单位或一家企业");
        }
    }

    public sealed class Handler(PortalDb portalDb, IValidator<Command> validator, IPasswordHasher<AppUser> hasher)
    {
        public async Task<Result<Guid>> HandleAsync(Command command, CancellationToken ct = default)
        {
            if (!AccessRules.IsSystemAdmin(portalDb.Scope))
            {
                return Error.Forbidden();
            }

            // A JSON null is not an empty field to the validator's eyes only: normalise before anything reads them.
            command.UserName = command.UserName?.Trim() ?? string.Empty;
            command.DisplayName ??= string.Empty;
            command.Password ??= string.Empty;
            if (await Validation.CheckAsync(validator, command, ct) is { } invalid)
            {
                return invalid;
            }

            await using var db = portalDb.Open();
            var policy = await db.SecurityPolicies.AsNoTracking().FirstOrDefaultAsync(ct) ?? SecurityPolicy.Baseline;
            if (policy.CheckPassword(command.Password) is { Count: > 0 } weak)
            {
                return Error.Invalid(new Dictionary<string, string[]> { ["password"] = [.. weak] });
            }

            var bound = command.UnitId is { } unitId
                ? await db.Units.AnyAsync(u => u.Id == unitId, ct)
                : await db.Enterprises.AnyAsync(e => e.Id == command.EnterpriseId, ct);
            if (!bound)
            {
                return Error.Invalid("unitId", "所选单位或企业不存在或不在您的管辖范围内");
            }

            var normalized = command.UserName.ToUpperInvariant();
            if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct))
            {
                return Error.Invalid("userName", "用户名已存在");
            }

            var user = new AppUser
            {
                UserName = command.UserName,
                NormalizedUserName = normalized,
                DisplayName = command.DisplayName.Trim(),
                UnitId = command.UnitId,
                EnterpriseId = command.EnterpriseId,
                LockoutEnabled = true,
                MustChangePassword = true, // an administrator chose it: the user chooses their own at the first sign-in
            };
            user.PasswordHash = hasher.HashPassword(user, command.Password);
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
            return user.Id;
        }
    }
}

/// <summary>SystemAdmin disables or re-enables an account; a disabled account is signed out at once.</summary>
public static class SetUserDisabled
{
    public sealed record Command(Guid UserId, bool Disabled);

    public sealed class Handler(PortalDb portalDb)
    {
        public async Task<Result<bool>> HandleAsync(Command command, CancellationToken ct = default)
        {
            if (!AccessRules.IsSystemAdmin(portalDb.Scope))
            {
                return Error.Forbidden();
            }

            await using var db = portalDb.Open();
            var user = await UserAccounts.VisibleUsers(db).SingleOrDefaultAsync(u => u.Id == command.UserId, ct);
            if (user is null)
            {
                return Error.NotFound("账号");
            }

            if (user.Id == portalDb.Scope.UserId)
            {
                return Error.Invalid("userId", "不能停用自己的账号");
            }

            user.Disabled = command.Disabled;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync(ct);
            return command.Disabled;
        }
    }
}

/// <summary>
/// SystemAdmin binds an existing account to another unit or enterprise in its scope. The account's
/// current roles must fit the new binding (the SecurityAdmin changes roles first otherwise); the
/// account signs in again under its new scope.
/// </summary>
public static class RebindUser
{
    public sealed record Command(Guid UserId, Guid? UnitId, Guid? EnterpriseId);

    public sealed class Handler(PortalDb portalDb)
    {
        public async Task<Result<bool>> HandleAsync(Command command, CancellationToken ct = default)
        {
            if (!AccessRules.IsSystemAdmin(portalDb.Scope))
            {
                return Error.Forbidden();
            }

            if ((command.UnitId is null) == (command.EnterpriseId is null))
            {
                return Error.Invalid("unitId", "账号须隶属于一个单位或一家企业");
            }

            await using var db = portalDb.Open();
            var user = await UserAccounts.VisibleUsers(db).SingleOrDefaultAsync(u => u.Id == command.UserId, ct);
            if (user is null)
            {
                return Error.NotFound("账号");
            }

            var unit = command.UnitId is { } unitId ? await db.Units.SingleOrDefaultAsync(u => u.Id == unitId, ct) : null;
            var enterpriseVisible = command.EnterpriseId is { } e && await db.Enterprises.AnyAsync(x => x.Id == e, ct);
            if (unit is null && !enterpriseVisible)
            {
                return Error.Invalid("unitId", "所选单位或企业不存在或不在您的管辖范围内");
            }

            var level = unit is null ? (Core.JurisdictionLevel?)null
                : await db.Jurisdictions.Where(j => j.Code == unit.JurisdictionCode).Select(j => j.Level).SingleAsync(ct);
            var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);
            var misfits = roles.Select(r => Roles.CheckBinding(r, unit?.Kind, level, command.EnterpriseId is not null)).OfType<string>().ToArray();
            if (misfits.Length > 0)
            {
                return Error.Invalid(new Dictionary<string, string[]> { ["unitId"] = [.. misfits.Prepend("账号现有角色与新的隶属不符，请先由安全管理员调整角色：")] });
            }

            user.UnitId = command.UnitId;
            user.EnterpriseId = command.EnterpriseId;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
