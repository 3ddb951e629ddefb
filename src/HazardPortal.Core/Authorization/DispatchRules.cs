using HazardPortal.Core.Common;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;

namespace HazardPortal.Core.Authorization;

/// <summary>
/// Who fills and reads which dispatch form (SPEC §6): a department its own form; the 安委办 of a county or higher node
/// its node's form; a township's cadres the township's form and its villages'. Who issues and reviews is
/// <see cref="IssuingRules"/>.
/// </summary>
public static class DispatchRules
{
    /// <summary>The key the signed-in unit reports under: <c>dept:{id}</c> for a department, its node's code otherwise.</summary>
    public static string UnitKeyOf(AccessScope scope) =>
        AccessRules.DepartmentOf(scope) is { } d ? DispatchForm.DepartmentKey(d) : scope.OwnCode ?? string.Empty;

    /// <summary>Does the signed-in unit owe what <paramref name="issuerCode"/> issued to <paramref name="recipients"/>?</summary>
    public static bool Owes(AccessScope scope, string issuerCode, Recipients recipients)
    {
        if (scope.IsEnterpriseUser || scope.Path is null)
        {
            return false;
        }

        if (AccessRules.DepartmentOf(scope) is not null)
        {
            return recipients.HasFlag(Recipients.Departments) && scope.OwnCode == issuerCode;
        }

        return scope.HasAnyRole(Roles.TownshipCadre, Roles.SafetyOffice) && recipients.HasFlag(Recipients.ChildJurisdictions) && scope.ParentCode == issuerCode;
    }

    /// <summary>The unit keys whose forms the signed-in user fills, but for a township's villages (<see cref="FillsForVillages"/>).</summary>
    public static IReadOnlyList<string> OwnUnitKeys(AccessScope scope)
    {
        var keys = new List<string>();
        if (AccessRules.DepartmentOf(scope) is { } dept)
        {
            keys.Add(DispatchForm.DepartmentKey(dept));
        }

        if (!scope.IsEnterpriseUser && scope.HasAnyRole(Roles.SafetyOffice, Roles.TownshipCadre) && scope.OwnCode is { } own)
        {
            keys.Add(own);
        }

        return keys;
    }

    /// <summary>A township's cadres also fill their villages' forms.</summary>
    public static bool FillsForVillages(AccessScope scope) => AccessRules.IsTownshipCadre(scope);

    /// <summary>A department reads only its own forms; governments and offices read what their scope holds.</summary>
    public static Error? MayRead(AccessScope scope, Guid? formDepartmentId)
    {
        if (AccessRules.IsDepartmentOnly(scope))
        {
            return formDepartmentId == scope.UnitId ? null : Error.NotFound("调度表");
        }

        return !scope.IsEnterpriseUser && scope.HasAnyRole(Roles.SafetyOffice, Roles.TownshipCadre) ? null : Error.Forbidden("您的角色不填报调度表");
    }

    /// <summary>Who fills: the department for its form; the 安委办 of a county or higher node; a township's cadres for the township and its villages.</summary>
    public static Error? MayFill(AccessScope scope, Guid? formDepartmentId, string formPath)
    {
        var allowed = formDepartmentId is { } d
            ? AccessRules.DepartmentOf(scope) == d
            : JurisdictionPath.Level(formPath) >= JurisdictionLevel.Township
                ? AccessRules.IsTownshipCadre(scope) && scope.Contains(formPath)
                : AccessRules.IsSafetyOffice(scope) && scope.OwnCode == JurisdictionPath.Code(formPath);
        return allowed ? null : Error.Forbidden("只有本单位可以填报本调度表");
    }
}
