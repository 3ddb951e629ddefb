using HazardPortal.Core.Common;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Tenancy;

namespace HazardPortal.Core.Authorization;

/// <summary>
/// Who may do what to a hazard inside their scope (SPEC §2, §4). The tenant rule decides what a user
/// can see; these rules decide what they may do with it. Refusals are 403s with a Chinese reason.
/// </summary>
public static class HazardRules
{
    /// <summary>What the ledger page offers a user.</summary>
    public sealed record LedgerAbilities(bool IsEnterprise, bool MayRegister, bool FiltersOwnUnit, bool SeesTownshipViews);

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
        if (SourceFor(actor) is null)
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

    /// <summary>
    /// 验收销号: the accepting unit named at registration (004: 谁检查、谁签名、谁负责) — an inspector or cadre of that unit;
    /// for a hazard that names none (a general hazard, or one registered before 004 was applied), an inspector of a lead
    /// department or a cadre of the subject's township.
    /// </summary>
    public static Error? CanVerify(HazardActor actor, Hazard h, IEnumerable<HazardRoute> routes)
    {
        var verifier = actor.Has(Roles.DepartmentInspector) || actor.Has(Roles.TownshipCadre);
        if (h.AcceptingUnitId is { } accepting)
        {
            return verifier && actor.UnitId == accepting
                ? null
                : Error.Forbidden($"本隐患登记时指定的验收单位为{h.AcceptingUnit}，须由该单位执法人员或干部验收销号");
        }

        return (actor.Has(Roles.DepartmentInspector) && IsRouted(actor, routes, RouteKind.LeadDepartment))
            || (actor.Has(Roles.TownshipCadre) && IsRouted(actor, routes, RouteKind.Township))
                ? null
                : Error.Forbidden("只有牵头部门执法人员或属地乡镇干部可以验收销号");
    }

    public static Error? CanSupervise(HazardActor actor) =>
        actor.Has(Roles.SafetyOffice) ? null : Error.Forbidden("只有安委办可以挂牌督办或摘牌");

    public static Error? CanVoid(HazardActor actor, Hazard h) =>
        IsRegisteringUnit(actor, h) || actor.Has(Roles.SafetyOffice) ? null : Error.Forbidden("只有登记单位或安委办可以作废隐患");

    /// <summary>The source a hazard registered by this actor records: 企业自查, 部门检查, 乡镇检查 or 督导检查 (null: may not register).</summary>
    public static HazardSource? SourceFor(HazardActor actor) =>
        actor.IsEnterpriseUser ? HazardSource.SelfInspection
        : actor.Has(Roles.DepartmentInspector) ? HazardSource.DepartmentInspection
        : actor.Has(Roles.TownshipCadre) ? HazardSource.TownshipInspection
        : actor.Has(Roles.SafetyOffice) ? HazardSource.SupervisoryInspection
        : null;

    /// <summary>A 安委办 registers the hazard a public report revealed under 群众举报 instead of its own source.</summary>
    public static bool MayRecordAsPublicReport(HazardActor actor) => actor.Has(Roles.SafetyOffice);

    /// <summary>
    /// 004: the registrant's own unit may be named the accepting unit when it is an inspecting department or a township
    /// (not an enterprise, not an office); returns that unit, or null.
    /// </summary>
    public static Guid? OwnAcceptingUnit(HazardActor actor) =>
        !actor.IsEnterpriseUser && actor.UnitId is { } unit && (actor.Has(Roles.DepartmentInspector) || actor.Has(Roles.TownshipCadre)) ? unit : null;

    /// <summary>004: an inspecting department may name itself the 责任部门 of what it found.</summary>
    public static bool MayNameSelfResponsible(HazardActor actor) => actor.Has(Roles.DepartmentInspector);

    /// <summary>The 挂牌督办 list is read by the 安委办, townships and departments (an enterprise sees its tags on its hazards).</summary>
    public static Error? CanReadSupervisionList(AccessScope scope) =>
        !scope.IsEnterpriseUser && scope.HasAnyRole(Roles.SafetyOffice, Roles.TownshipCadre, Roles.DepartmentInspector)
            ? null
            : Error.Forbidden("挂牌督办清单供安委办、乡镇和部门查看");

    /// <summary>What the ledger page offers a user: registering, "my unit's" filter, the township's views.</summary>
    public static LedgerAbilities LedgerFor(AccessScope scope) => new(
        IsEnterprise: scope.Roles.Any(Roles.IsEnterpriseRole),
        MayRegister: SourceFor(ActorOf(scope)) is not null,
        FiltersOwnUnit: scope.HasAnyRole(Roles.DepartmentInspector, Roles.TownshipCadre),
        SeesTownshipViews: scope.HasAnyRole(Roles.TownshipCadre, Roles.SafetyOffice));

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

/// <summary>The actions a page offers: the transitions whose status precondition holds and whose role rule passes.</summary>
public enum HazardAction
{
    Complete,
    Report,
    Extend,
    Rectify,
    Verify,
    Supervise,
    Unsupervise,
    Void,
    Edit,
}

public static class HazardActions
{
    /// <summary>
    /// What the page may offer. The Core transition methods stay the guard (the server refuses
    /// anything else); this only keeps the UI from offering what would be refused.
    /// </summary>
    public static IReadOnlyList<HazardAction> For(HazardActor actor, Hazard h, IReadOnlyList<HazardRoute> routes)
    {
        var actions = new List<HazardAction>();
        void Offer(HazardAction action, bool precondition, Common.Error? refusal)
        {
            if (precondition && refusal is null)
            {
                actions.Add(action);
            }
        }

        var active = h.Supervision is { RemovedOn: null };
        Offer(HazardAction.Complete, h.Status == HazardStatus.Draft, HazardRules.CanEdit(actor, h));
        Offer(HazardAction.Report, h.Status == HazardStatus.Registered, HazardRules.CanReport(actor, h));
        Offer(HazardAction.Extend, h.IsOpen && h.RectifiedOn is null && h.Status != HazardStatus.Draft, HazardRules.CanExtend(actor, h, routes));
        Offer(HazardAction.Rectify, h.Status == HazardStatus.Reported, HazardRules.CanRectify(actor, h, routes));
        Offer(HazardAction.Verify, h.Status == HazardStatus.Rectified && h.RectifiedByUserId != actor.UserId, HazardRules.CanVerify(actor, h, routes));
        Offer(HazardAction.Supervise, h.Status is HazardStatus.Registered or HazardStatus.Reported or HazardStatus.Rectified && !active, HazardRules.CanSupervise(actor));
        Offer(HazardAction.Unsupervise, h.Status == HazardStatus.Verified && active, HazardRules.CanSupervise(actor));
        Offer(HazardAction.Void, h.Status is not (HazardStatus.Verified or HazardStatus.Voided), HazardRules.CanVoid(actor, h));
        Offer(HazardAction.Edit, h.Status is not (HazardStatus.Verified or HazardStatus.Voided), HazardRules.CanEdit(actor, h));
        return actions;
    }
}
