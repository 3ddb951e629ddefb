using System.Security.Claims;
using HazardPortal.Core.Identity;

namespace HazardPortal.Web.Features.Shared;

/// <summary>The signed-in user as GET /api/v1/me and the home page show it, read from the claims.</summary>
public sealed record CurrentUser(
    string UserName,
    string DisplayName,
    IReadOnlyList<string> Roles,
    CurrentUser.UnitInfo? Unit,
    CurrentUser.JurisdictionInfo? Jurisdiction,
    Guid? EnterpriseId,
    IReadOnlyList<string>? Sectors)
{
    public sealed record UnitInfo(Guid Id, string Name, string Kind);

    public sealed record JurisdictionInfo(string Code, string Name, string Level);

    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var unitId = principal.FindFirstValue(PortalClaims.UnitId);
        var code = principal.FindFirstValue(PortalClaims.JurisdictionCode);
        var sectors = principal.FindAll(PortalClaims.Sector).Select(c => c.Value).ToList();
        return new CurrentUser(
            principal.Identity.Name!,
            principal.FindFirstValue(PortalClaims.DisplayName) ?? principal.Identity.Name!,
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
            unitId is null ? null : new UnitInfo(Guid.Parse(unitId), principal.FindFirstValue(PortalClaims.UnitName)!, principal.FindFirstValue(PortalClaims.UnitKind)!),
            code is null ? null : new JurisdictionInfo(code, principal.FindFirstValue(PortalClaims.JurisdictionName)!, principal.FindFirstValue(PortalClaims.JurisdictionLevel)!),
            Guid.TryParse(principal.FindFirstValue(PortalClaims.EnterpriseId), out var e) ? e : null,
            sectors.Count > 0 ? sectors : null);
    }
}
