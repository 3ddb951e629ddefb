using FluentValidation;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
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

        public HazardDto.BasisDto? Basis { get; set; }

        /// <summary>Only for drafts; a registered hazard changes its deadline by extension.</summary>
        public RectificationPlan? Plan { get; set; }

        public uint Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("请填写隐患名称").MaximumLength(200).WithMessage("隐患名称不超过200字");
            RuleFor(c => c.Description).MaximumLength(4000).WithMessage("隐患描述不超过4000字");
            RuleFor(c => c.Plan!.Funds).GreaterThanOrEqualTo(0).When(c => c.Plan?.Funds is not null).WithName("plan.funds").WithMessage("整改资金不能为负数");
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
            var hazard = await HazardStore.FindAsync(db, actor, id, ct);
            if (hazard is null)
            {
                return Error.NotFound("隐患");
            }

            if (hazard.Version != command.Version)
            {
                return HazardStore.StaleVersion;
            }

            if (HazardRules.CanEdit(actor, hazard) is { } refused)
            {
                return refused;
            }

            if (hazard.Status is HazardStatus.Verified or HazardStatus.Voided)
            {
                return Error.Conflict("已验收销号或已作废的隐患不能修改");
            }

            if (command.Plan is not null && hazard.Status != HazardStatus.Draft)
            {
                return Error.Conflict("已登记隐患的整改期限只能通过延期变更");
            }

            if (command.Basis is { } basis && !await db.Standards.AnyAsync(s => s.Code == basis.StandardCode, ct))
            {
                return Error.Invalid("basis.standardCode", "判定依据须选择已收录的判定标准");
            }

            var before = $"{hazard.Title}｜{hazard.Description}｜{hazard.Location}｜{hazard.BasisStandardCode} {hazard.BasisClause}";
            hazard.Title = command.Title.Trim();
            hazard.Description = command.Description?.Trim();
            hazard.Location = command.Location?.Trim();
            hazard.BasisStandardCode = command.Basis?.StandardCode;
            hazard.BasisClause = command.Basis?.Clause?.Trim();
            if (command.Plan is not null)
            {
                hazard.Plan = command.Plan;
            }

            hazard.Events.Add(new HazardEvent
            {
                HazardId = hazard.Id,
                EnterpriseId = hazard.EnterpriseId,
                Path = hazard.Path,
                Kind = HazardEventKind.Edited,
                On = today,
                ActorUserId = actor.UserId,
                ActorName = actor.Name,
                UnitName = actor.UnitName,
                Before = before,
                After = $"{hazard.Title}｜{hazard.Description}｜{hazard.Location}｜{hazard.BasisStandardCode} {hazard.BasisClause}",
                Sequence = DateTimeOffset.UtcNow.UtcTicks,
            });
            if (await HazardStore.SaveAsync(db, ct) is { } stale)
            {
                return stale;
            }

            return await HazardStore.ToDtoAsync(db, hazard, today, ct);
        }
    }
}
