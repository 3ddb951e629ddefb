using FluentValidation;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>
/// PUT /api/v1/hazards/{id}: the registering unit edits the descriptive fields (and, for a draft,
/// the plan). Dates of record and the status change only through the transitions.
/// </summary>
public static class EditHazard
{
    public sealed class Command
    {
        public string Title { get; set; } = string.Empty;

        public string? Description { get; set; }

        public string? Location { get; set; }

        public HazardBasis? Basis { get; set; }

        /// <summary>Only for drafts; a registered hazard changes its deadline by extension.</summary>
        public RectificationPlan? Plan { get; set; }

        public uint Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("请填写隐患名称").MaximumLength(HazardTextLimits.Title).WithMessage($"隐患名称不超过{HazardTextLimits.Title}字");
            RuleFor(c => c.Description).MaximumLength(HazardTextLimits.Description).WithMessage($"隐患描述不超过{HazardTextLimits.Description}字");
            RuleFor(c => c.Location).MaximumLength(HazardTextLimits.Location).WithMessage($"排查地点不超过{HazardTextLimits.Location}字");
            RuleFor(c => c.Basis!.Clause).MaximumLength(HazardTextLimits.Clause).When(c => c.Basis is not null).WithName("basis.clause").WithMessage($"判定条款不超过{HazardTextLimits.Clause}字");
            RuleFor(c => c.Plan!.ResponsiblePerson).MaximumLength(HazardTextLimits.Person).When(c => c.Plan is not null).WithName("plan.responsiblePerson").WithMessage($"责任人不超过{HazardTextLimits.Person}字");
            RuleFor(c => c.Plan!.Measures).MaximumLength(HazardTextLimits.PlanText).When(c => c.Plan is not null).WithName("plan.measures").WithMessage($"整改措施不超过{HazardTextLimits.PlanText}字");
            RuleFor(c => c.Plan!.EmergencyPlan).MaximumLength(HazardTextLimits.PlanText).When(c => c.Plan is not null).WithName("plan.emergencyPlan").WithMessage($"应急预案不超过{HazardTextLimits.PlanText}字");
            RuleFor(c => c.Plan!.Funds).GreaterThanOrEqualTo(0).WithName("plan.funds").WithMessage("整改资金不能为负数")
                .LessThanOrEqualTo(RectificationPlan.MaxFunds).WithMessage("整改资金不能超过999999999999.99元")
                .When(c => c.Plan?.Funds is not null);
        }
    }

    public sealed class Handler(PortalDb portalDb, IValidator<Command> validator, TimeProvider clock)
    {
        public async Task<Result<HazardDto>> HandleAsync(Guid id, Command command, CancellationToken ct = default)
        {
            if (await Validation.CheckAsync(validator, command, ct) is { } invalid)
            {
                return invalid;
            }

            var actor = HazardRules.ActorOf(portalDb.Scope);
            var today = ChinaTime.Today(clock);
            await using var db = portalDb.Open();
            var loaded = await HazardStore.LoadForChangeAsync(db, actor, id, command.Version, ct);
            if (!loaded.Succeeded)
            {
                return loaded.Error!;
            }

            var hazard = loaded.Value!;
            if (HazardRules.CanEdit(actor, hazard) is { } refused)
            {
                return refused;
            }

            if (command.Basis is { } basis && !await db.Standards.AnyAsync(s => s.Code == basis.StandardCode, ct))
            {
                return Error.Invalid("basis.standardCode", "判定依据须选择已收录的判定标准");
            }

            if (hazard.Edit(command.Title, command.Description, command.Location, command.Basis?.StandardCode, command.Basis?.Clause, command.Plan, actor, today) is { } error)
            {
                return error;
            }

            if (await HazardStore.SaveAsync(db, ct) is { } stale)
            {
                return stale;
            }

            return await HazardStore.ToDtoAsync(db, hazard, today, ct);
        }
    }
}
