using HazardPortal.Core.Common;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;

namespace HazardPortal.Core.Hazards;

/// <summary>
/// Who may do what to a hazard inside their scope (SPEC §2, §4). The tenant rule decides what a user
/// can see; these rules decide what they may do with it. Refusals are 403s with a Chinese reason.
/// </summary>
public static class HazardRules
{
    public static HazardActor ActorOf(AccessScope scope) =>
        new(scope.UserId ?? Guid.Empty, scope.DisplayName, scope.UnitId, scope.UnitName, scope.Roles, scope.EnterpriseId);

    /// <summary>The unit a hazard registered by this actor belongs to: their unit, or their enterprise.</summary>
    public static Guid? ActingUnitId(HazardActor actor) => actor.IsEnterpriseUser ? actor.EnterpriseId : actor.UnitId;

    public static bool IsRegisteringUnit(HazardActor actor, Hazard h) => ActingUnitId(actor) == h.RegisteredByUnitId;

    public static bool IsSubjectEnterprise(HazardActor actor, Hazard h) =>
        actor.IsEnterpriseUser && h.EnterpriseId is not null && h.EnterpriseId == actor.EnterpriseId;

    public static bool IsRouted(HazardActor actor, IEnumerable<HazardRoute> routes, RouteKind? kind = null) =>
        actor.UnitId is { } unit && routes.Any(r => r.UnitId == unit && (kind is null || r.Kind == kind));

    /// <summary>Drafts are visible only to the unit (or enterprise) that registered them.</summary>
    public static bool CanSeeDraft(HazardActor actor, Hazard h) => h.Status != HazardStatus.Draft || IsRegisteringUnit(actor, h);

    public static Error? CanRegisterFor(HazardActor actor, SubjectKind kind, Guid? enterpriseId)
    {
        if (Hazard.SourceFor(actor) is null)
        {
            return Error.Forbidden("您的角色不能登记隐患");
        }

        if (actor.IsEnterpriseUser && (kind != SubjectKind.Enterprise || enterpriseId != actor.EnterpriseId))
        {
            return Error.Forbidden("企业只能登记本企业的隐患");
        }

        return null;
    }

    public static Error? CanReport(HazardActor actor, Hazard h) =>
        IsSubjectEnterprise(actor, h) ? null : Error.Forbidden("只有本企业可以报告自查隐患");

    public static Error? CanEdit(HazardActor actor, Hazard h) =>
        IsRegisteringUnit(actor, h) ? null : Error.Forbidden("只有登记单位可以修改隐患");

    public static Error? CanExtend(HazardActor actor, Hazard h, IEnumerable<HazardRoute> routes) =>
        IsSubjectEnterprise(actor, h) || IsRegisteringUnit(actor, h) || IsRouted(actor, routes)
            ? null
            : Error.Forbidden("只有本企业、登记单位或负责的部门、乡镇可以延期");

    /// <summary>An enterprise rectifies its own hazards; for a place, the registering unit or a routed unit records it.</summary>
    public static Error? CanRectify(HazardActor actor, Hazard h, IEnumerable<HazardRoute> routes) =>
        h.SubjectKind == SubjectKind.Enterprise
            ? IsSubjectEnterprise(actor, h) ? null : Error.Forbidden("整改情况由企业登记")
            : IsRegisteringUnit(actor, h) || IsRouted(actor, routes) ? null : Error.Forbidden("只有登记单位或负责的部门、乡镇可以登记场所隐患的整改");

    /// <summary>验收销号: an inspector of a lead department or a cadre of the subject's township.</summary>
    public static Error? CanVerify(HazardActor actor, Hazard h, IEnumerable<HazardRoute> routes) =>
        (actor.Has(Roles.DepartmentInspector) && IsRouted(actor, routes, RouteKind.LeadDepartment))
        || (actor.Has(Roles.TownshipCadre) && IsRouted(actor, routes, RouteKind.Township))
            ? null
            : Error.Forbidden("只有牵头部门执法人员或属地乡镇干部可以验收销号");

    public static Error? CanSupervise(HazardActor actor) =>
        actor.Has(Roles.SafetyOffice) ? null : Error.Forbidden("只有安委办可以挂牌督办或摘牌");

    public static Error? CanVoid(HazardActor actor, Hazard h) =>
        IsRegisteringUnit(actor, h) || actor.Has(Roles.SafetyOffice) ? null : Error.Forbidden("只有登记单位或安委办可以作废隐患");

    /// <summary>The supervision level a 安委办 tags at, from its jurisdiction level.</summary>
    public static SupervisionLevel? LevelOf(JurisdictionLevel level) => level switch
    {
        JurisdictionLevel.National => SupervisionLevel.National,
        JurisdictionLevel.Province => SupervisionLevel.Province,
        JurisdictionLevel.Prefecture => SupervisionLevel.Prefecture,
        JurisdictionLevel.County => SupervisionLevel.County,
        _ => null,
    };
}
