using FluentValidation;
using HazardPortal.Core.Common;
using HazardPortal.Core.Hazards;

namespace HazardPortal.Web.Features.Shared;

/// <summary>
/// A hazard to register, as the ledger's form, its API (<c>POST /api/v1/hazards</c>), its Excel import and the county's
/// triage of a public report all send it (SPEC §4.1). The ledger registers it (<see cref="IHazardRegistrar"/>); another
/// feature that turns something into a hazard asks the registrar and never reaches into the ledger's folder.
/// </summary>
public sealed class NewHazard
{
    public Guid? EnterpriseId { get; set; }

    public Guid? PlaceId { get; set; }

    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string? Location { get; set; }

    /// <summary>Defaults to the subject's sector.</summary>
    public string? SectorCode { get; set; }

    public HazardGrade Grade { get; set; } = HazardGrade.Major;

    /// <summary>Defaults to the source of the caller's role.</summary>
    public HazardSource? Source { get; set; }

    public DateOnly FoundOn { get; set; }

    public string? FoundBy { get; set; }

    public HazardBasis? Basis { get; set; }

    public bool Immediate { get; set; }

    public DateOnly? RectifiedOn { get; set; }

    public string? RectificationDescription { get; set; }

    /// <summary>The 五落实; may be absent (a major hazard then stays a draft).</summary>
    public RectificationPlan? Plan { get; set; }

    public bool ReportedToWorkersCongress { get; set; }

    /// <summary>老旧装置 / 高危装置: row tags of 003 附件2.</summary>
    public bool AgingEquipment { get; set; }

    public bool HighRiskEquipment { get; set; }

    /// <summary>004: 责任部门 of a major hazard; defaults to the sector's lead department (the ledger's HazardAssignees).</summary>
    public Guid? ResponsibleDepartmentId { get; set; }

    /// <summary>004: the accepting unit (验收人) of a major hazard; defaults to the registrant's unit, or the lead department for an enterprise.</summary>
    public Guid? AcceptingUnitId { get; set; }

    /// <summary>004: the accepting person in that unit, when named.</summary>
    public string? AcceptingPerson { get; set; }

    /// <summary>
    /// The inspection that found it: the hazard is linked to it in the same transaction (by the inspection's recording
    /// unit, of the inspection's subject, before anyone has signed). A draft is not linked until it is on record.
    /// </summary>
    public Guid? InspectionId { get; set; }
}

public sealed class NewHazardValidator : AbstractValidator<NewHazard>
{
    public NewHazardValidator()
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage("请填写隐患名称").MaximumLength(HazardTextLimits.Title).WithMessage($"隐患名称不超过{HazardTextLimits.Title}字");
        RuleFor(c => c.Description).MaximumLength(HazardTextLimits.Description).WithMessage($"隐患描述不超过{HazardTextLimits.Description}字");
        RuleFor(c => c.Location).MaximumLength(HazardTextLimits.Location).WithMessage($"排查地点不超过{HazardTextLimits.Location}字");
        RuleFor(c => c).Must(c => (c.EnterpriseId is null) != (c.PlaceId is null)).WithName("enterpriseId").WithMessage("请选择一家企业或一个场所");
        RuleFor(c => c.FoundOn).NotEqual(default(DateOnly)).WithMessage("请填写发现日期");
        RuleFor(c => c.Grade).IsInEnum().WithMessage("隐患等级只能为重大或一般");
        RuleFor(c => c.Plan!.Funds).GreaterThanOrEqualTo(0).WithName("plan.funds").WithMessage("整改资金不能为负数")
            .LessThanOrEqualTo(RectificationPlan.MaxFunds).WithMessage("整改资金不能超过999999999999.99元")
            .When(c => c.Plan?.Funds is not null);
        RuleFor(c => c.Plan!.ResponsiblePerson).MaximumLength(HazardTextLimits.Person).When(c => c.Plan is not null).WithName("plan.responsiblePerson").WithMessage($"责任人不超过{HazardTextLimits.Person}字");
        RuleFor(c => c.Plan!.Measures).MaximumLength(HazardTextLimits.PlanText).When(c => c.Plan is not null).WithName("plan.measures").WithMessage($"整改措施不超过{HazardTextLimits.PlanText}字");
        RuleFor(c => c.Plan!.EmergencyPlan).MaximumLength(HazardTextLimits.PlanText).When(c => c.Plan is not null).WithName("plan.emergencyPlan").WithMessage($"应急预案不超过{HazardTextLimits.PlanText}字");
        RuleFor(c => c.AcceptingPerson).MaximumLength(HazardTextLimits.Person).WithMessage($"验收人不超过{HazardTextLimits.Person}字");
        RuleFor(c => c.Basis!.Clause).MaximumLength(HazardTextLimits.Clause).When(c => c.Basis is not null).WithName("basis.clause").WithMessage($"判定条款不超过{HazardTextLimits.Clause}字");
    }
}

/// <summary>The standard and clause a hazard was determined by (判定依据).</summary>
public sealed record HazardBasis(string StandardCode, string? Clause);

/// <summary>Registers a hazard under the caller's scope and rules; the same key on a retry returns the hazard already registered.</summary>
public interface IHazardRegistrar
{
    Task<Result<Guid>> RegisterAsync(NewHazard registration, string idempotencyKey, CancellationToken ct = default);
}
