using FluentValidation;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Identity;
using HazardPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Security;

/// <summary>SecurityAdmin sets the password and session policy, never below the 等保 baseline.</summary>
public static class UpdatePolicy
{
    public sealed class Handler(PortalDb portalDb, IValidator<SecurityPolicy> validator, SessionPolicy session, TimeProvider clock)
    {
        public async Task<SecurityPolicy> GetAsync(CancellationToken ct = default)
        {
            await using var db = portalDb.Open();
            return await db.SecurityPolicies.AsNoTracking().FirstOrDefaultAsync(ct) ?? SecurityPolicy.Baseline;
        }

        public async Task<Result<SecurityPolicy>> HandleAsync(SecurityPolicy command, CancellationToken ct = default)
        {
            if (!AccessRules.IsSecurityAdmin(portalDb.Scope))
            {
                return Error.Forbidden();
            }

            if (await Validation.CheckAsync(validator, command, ct) is { } invalid)
            {
                return invalid;
            }

            await using var db = portalDb.Open();
            var policy = await db.SecurityPolicies.SingleAsync(ct);
            policy.MinPasswordLength = command.MinPasswordLength;
            policy.MinCharacterClasses = command.MinCharacterClasses;
            policy.LockoutThreshold = command.LockoutThreshold;
            policy.LockoutMinutes = command.LockoutMinutes;
            policy.IdleTimeoutMinutes = command.IdleTimeoutMinutes;
            policy.RequireMfaForAdministrators = command.RequireMfaForAdministrators;
            policy.RequireMfaForOffices = command.RequireMfaForOffices;
            policy.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            session.Apply(policy);
            return policy;
        }
    }
}
