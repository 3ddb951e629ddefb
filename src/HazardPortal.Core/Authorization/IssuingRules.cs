using HazardPortal.Core.Common;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;

namespace HazardPortal.Core.Authorization;

/// <summary>
/// Who issues work downward (SPEC §6): dispatch templates, campaign deliverables and the 推进明细表's tasks are issued
/// by a 安委办 at its own node, or by a township's cadres to their villages. The issuer alone sets an issuance's
/// cutoff days and reviews what comes back. A template is issued only at the levels its document addresses
/// (<see cref="DispatchTemplate.IssuedAt"/>): 进贤县's county table is not a township's to pass to its villages.
/// </summary>
public static class IssuingRules
{
    /// <summary>A 安委办 at any level, or a township's cadre at the township.</summary>
    public static bool IsIssuer(AccessScope scope) =>
        !scope.IsEnterpriseUser && scope.UnitId is not null
        && (scope.HasRole(Roles.SafetyOffice) || (scope.HasRole(Roles.TownshipCadre) && scope.Level == JurisdictionLevel.Township));

    /// <summary>
    /// The 推进明细表 (003 附件3) is a checklist a 安委办 lays out for the counties and departments below it; a township
    /// issues forms and deliverables to its villages but keeps no such list for them.
    /// </summary>
    public static bool IssuesTasks(AccessScope scope) => IsIssuer(scope) && scope.HasRole(Roles.SafetyOffice);

    /// <summary>True when the signed-in unit issued what <paramref name="issuerCode"/> names (its own node, as issuer).</summary>
    public static bool IsIssuerOf(AccessScope scope, string issuerCode) => IsIssuer(scope) && scope.OwnCode == issuerCode;

    /// <summary>Whom an issuer may issue to: a township only to its villages; an office to its child jurisdictions and its departments.</summary>
    public static Recipients AllowedRecipients(AccessScope scope) =>
        scope.Level == JurisdictionLevel.Township ? Recipients.ChildJurisdictions : Recipients.ChildJurisdictions | Recipients.Departments;

    /// <summary>
    /// May the signed-in unit issue this template? Only an issuer, and only at a level the template names (进贤县's county
    /// table is not a township's to pass to its villages; 红河州's table is relayed by its counties' offices to their
    /// townships, and another county's office may adopt it for its own).
    /// </summary>
    public static Error? MayIssue(AccessScope scope, DispatchTemplate template)
    {
        if (!IsIssuer(scope))
        {
            return Error.Forbidden("只有安委办（村、社区调度表由乡镇街道干部）可以下发调度表");
        }

        if (template.IssuedAt.Count == 0)
        {
            return Error.Forbidden($"“{template.Name}”未规定由哪一级下发，不能下发");
        }

        if (scope.Level is not { } level || !template.IssuedAt.Contains(level))
        {
            return Error.Forbidden($"“{template.Name}”由{string.Join("、", template.IssuedAt.Select(Names.Level))}下发，本级不能下发");
        }

        return null;
    }

    /// <summary>The issuer alone changes an issuance's cutoff days and reviews its forms.</summary>
    public static Error? MayManage(AccessScope scope, DispatchIssue issue) =>
        IsIssuerOf(scope, issue.IssuerJurisdictionCode) ? null : Error.Forbidden("只有下发单位可以设置截止日、查看报送情况和审核调度表");

    /// <summary>The Chinese names of the levels, as a template's issuing rule says them.</summary>
    public static class Names
    {
        public static string Level(JurisdictionLevel level) => level switch
        {
            JurisdictionLevel.National => "国务院安委办",
            JurisdictionLevel.Province => "省级安委办",
            JurisdictionLevel.Prefecture => "市（州）安委办",
            JurisdictionLevel.County => "县（市、区）安委办",
            JurisdictionLevel.Township => "乡镇（街道）",
            _ => "村（社区）",
        };
    }
}
