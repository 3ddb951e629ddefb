using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;

namespace HazardPortal.Core.Authorization;

/// <summary>
/// Who works in which area of the portal, from the user's roles and the level of their node. The page policies
/// (<c>AuthSetup</c>), the endpoints' groups, the menu and the services all ask these; a role is checked nowhere else.
/// The rules per resource follow in <see cref="HazardRules"/>, <see cref="IssuingRules"/>, <see cref="DispatchRules"/>
/// and <see cref="RecordRules"/>.
/// </summary>
public static class AccessRules
{
    /// <summary>The five roles of the campaign's work (enterprises, townships, departments, offices).</summary>
    public static bool IsBusinessUser(AccessScope scope) =>
        scope.HasAnyRole(Roles.EnterpriseOfficer, Roles.EnterpriseHead, Roles.TownshipCadre, Roles.DepartmentInspector, Roles.SafetyOffice);

    /// <summary>An enterprise's officer or head (by role, bound or not).</summary>
    public static bool IsEnterpriseRole(AccessScope scope) => scope.Roles.Any(Roles.IsEnterpriseRole);

    /// <summary>A government user: a 安委办, a township's cadre or a department's inspector.</summary>
    public static bool IsGovernment(AccessScope scope) =>
        !scope.IsEnterpriseUser && scope.HasAnyRole(Roles.SafetyOffice, Roles.TownshipCadre, Roles.DepartmentInspector);

    /// <summary>A 安委办 acting at its own node.</summary>
    public static bool IsSafetyOffice(AccessScope scope) => !scope.IsEnterpriseUser && scope.HasRole(Roles.SafetyOffice);

    /// <summary>A county's 安委办 (the level that takes in public reports).</summary>
    public static bool IsCountyOffice(AccessScope scope) => IsSafetyOffice(scope) && scope.Level == JurisdictionLevel.County;

    /// <summary>
    /// Who switches a township's villages on (the NBS list's 村（居）委会 as nodes below it): a 安委办 above the township
    /// (county, prefecture, province or national), which decides how deep its jurisdiction reports.
    /// </summary>
    public static bool MayAddVillages(AccessScope scope) => IsSafetyOffice(scope) && scope.Level is { } level && level < JurisdictionLevel.Township;

    /// <summary>A township's (or village's) cadre.</summary>
    public static bool IsTownshipCadre(AccessScope scope) => !scope.IsEnterpriseUser && scope.HasRole(Roles.TownshipCadre);

    /// <summary>The township a cadre acts for (its own node's code), or null for anyone else — a village's cadre included.</summary>
    public static string? TownshipOf(AccessScope scope) =>
        IsTownshipCadre(scope) && scope.Level == JurisdictionLevel.Township ? scope.OwnCode : null;

    /// <summary>The department an inspector acts for, or null.</summary>
    public static Guid? DepartmentOf(AccessScope scope) =>
        !scope.IsEnterpriseUser && scope.HasRole(Roles.DepartmentInspector) ? scope.UnitId : null;

    /// <summary>An inspector who is not also the office: sees only its own department's forms.</summary>
    public static bool IsDepartmentOnly(AccessScope scope) => scope.HasRole(Roles.DepartmentInspector) && !scope.HasRole(Roles.SafetyOffice);

    public static bool IsSystemAdmin(AccessScope scope) => scope.HasRole(Roles.SystemAdmin);

    public static bool IsSecurityAdmin(AccessScope scope) => scope.HasRole(Roles.SecurityAdmin);

    public static bool IsAuditor(AccessScope scope) => scope.HasRole(Roles.Auditor);

    /// <summary>Who gets the bell: everyone but the three administrative roles.</summary>
    public static bool GetsNotifications(AccessScope scope) => !(IsSystemAdmin(scope) || IsSecurityAdmin(scope) || IsAuditor(scope));
}
