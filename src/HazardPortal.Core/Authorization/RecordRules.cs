using HazardPortal.Core.Common;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;

namespace HazardPortal.Core.Authorization;

/// <summary>
/// Who keeps which of the records that feed the forms (SPEC §5): the 组织领导 activities and 地区情况, the risk list,
/// the 突出问题 list, enforcement actions, commitment receipts, public reports and their township checks.
/// </summary>
public static class RecordRules
{
    /// <summary>组织领导 activities and 地区情况: a 安委办 or a township's cadres.</summary>
    public static Error? MayKeepLeadership(AccessScope scope, string what) =>
        !scope.IsEnterpriseUser && scope.HasAnyRole(Roles.SafetyOffice, Roles.TownshipCadre) ? null : Error.Forbidden($"{what}由安委办或乡镇（街道）记录");

    /// <summary>The risk list (风险管控清单): enterprises, departments, townships and offices.</summary>
    public static Error? MayKeepRisks(AccessScope scope) =>
        AccessRules.IsBusinessUser(scope) ? null : Error.Forbidden("风险管控清单由企业、部门、乡镇（街道）或安委办记录");

    /// <summary>The 突出问题 list: departments, townships and offices — not enterprises.</summary>
    public static Error? MayKeepProblems(AccessScope scope) =>
        AccessRules.IsGovernment(scope) ? null : Error.Forbidden("突出问题由部门、乡镇街道和安委办梳理登记");

    /// <summary>Which roles may record which kind of inspection (SPEC §1, §5); null when allowed, otherwise the reason.</summary>
    public static Error? MayRecordInspection(AccessScope scope, InspectionKind kind)
    {
        bool Any(params string[] r) => scope.HasAnyRole(r);
        var allowed = kind switch
        {
            InspectionKind.HeadLed => Any(Roles.EnterpriseHead),
            InspectionKind.SpotCheck or InspectionKind.Enforcement => Any(Roles.DepartmentInspector, Roles.TownshipCadre),
            InspectionKind.Supervisory or InspectionKind.Assistance => Any(Roles.DepartmentInspector, Roles.TownshipCadre, Roles.SafetyOffice),
            _ => false,
        };
        if (allowed)
        {
            return null;
        }

        return kind == InspectionKind.HeadLed
            ? Error.Forbidden("主要负责人带队检查由企业主要负责人本人记录")
            : Error.Forbidden($"您的角色不能记录{Inspection.KindName(kind)}");
    }

    /// <summary>An enforcement action: a department's inspector any kind; a 安委办 the kinds it takes itself (约谈通报, 追责问责, 曝光, 典型案例).</summary>
    public static Error? MayRecordEnforcement(AccessScope scope, EnforcementKind kind)
    {
        if (EnforcementKinds(scope).Contains(kind))
        {
            return null;
        }

        return Error.Forbidden(AccessRules.IsSafetyOffice(scope)
            ? $"“{EnforcementAction.KindName(kind)}”由执法部门记录"
            : "只有执法部门（及安委办的约谈通报、追责问责、曝光、典型案例）可以记录执法措施");
    }

    /// <summary>The kinds of enforcement action the signed-in unit records (the page's choices).</summary>
    public static IReadOnlyList<EnforcementKind> EnforcementKinds(AccessScope scope) =>
        scope.IsEnterpriseUser ? []
        : scope.HasRole(Roles.DepartmentInspector) ? Enum.GetValues<EnforcementKind>()
        : scope.HasRole(Roles.SafetyOffice) ? Enum.GetValues<EnforcementKind>().Where(EnforcementAction.OfficeMayRecord).ToList()
        : [];

    /// <summary>The enterprise's 主要负责人 signs its own receipt.</summary>
    public static bool IsHeadOf(AccessScope scope, Guid? enterpriseId) => scope.HasRole(Roles.EnterpriseHead) && scope.EnterpriseId is not null && scope.EnterpriseId == enterpriseId;

    /// <summary>The enterprise head's page offers signing.</summary>
    public static bool IsEnterpriseHead(AccessScope scope) => scope.HasRole(Roles.EnterpriseHead);

    /// <summary>Public reports are taken in and read by the county's 安委办 alone (the reporter's details are confidential).</summary>
    public static Error? MayHandlePublicReports(AccessScope scope) =>
        AccessRules.IsCountyOffice(scope) ? null : Error.Forbidden("举报信息仅由属地县级安委办受理和查看（举报人信息保密）");

    /// <summary>The township whose cadres check the reports handed to it, or null.</summary>
    public static string? CheckingTownship(AccessScope scope) => AccessRules.TownshipOf(scope);
}
