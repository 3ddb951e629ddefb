using FluentValidation;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>执法措施 (SPEC §5): one action per measure, linked to subject, hazard or inspection.</summary>
public sealed class Enforcement(PortalDb portalDb, IValidator<Enforcement.Command> validator, TimeProvider clock)
{
    /// <summary>What the law says about a self-found, reported hazard that is not overdue (000, 自查已报告).</summary>
    public const string ExemptWarning = "该隐患为企业自查发现并已报告、未逾期，依法不予处罚（自查已报告，依法不予处罚）";

    public sealed record Command
    {
        public EnforcementKind Kind { get; set; }

        public DateOnly Date { get; set; }

        public Guid? EnterpriseId { get; set; }

        public string? TargetJurisdictionCode { get; set; }

        public string? DocumentNumber { get; set; }

        public decimal? AmountWan { get; set; }

        public int? Persons { get; set; }

        public bool DangerousOperationCrime { get; set; }

        public Guid? HazardId { get; set; }

        public Guid? InspectionId { get; set; }

        public string? Notes { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage("请选择执法措施类型");
            RuleFor(c => c.Date).NotEqual(default(DateOnly)).WithMessage("请填写日期");
            RuleFor(c => c.AmountWan).GreaterThanOrEqualTo(0).When(c => c.AmountWan is not null).WithMessage("罚款金额不能为负数");
            RuleFor(c => c.Persons).GreaterThan(0).When(c => c.Persons is not null).WithMessage("人数须为正整数");
            RuleFor(c => c.DocumentNumber).MaximumLength(100).WithMessage("文书编号不超过100字");
            RuleFor(c => c.Notes).MaximumLength(2000).WithMessage("备注不超过2000字");
        }
    }

    public sealed record ActionDto(
        Guid Id, EnforcementKind Kind, string KindName, DateOnly Date, Guid? EnterpriseId, string? TargetJurisdictionCode, string Subject, string UnitName,
        string RecordedBy, string? DocumentNumber, decimal? AmountWan, int? Persons, bool DangerousOperationCrime, Guid? HazardId, Guid? InspectionId,
        string? Notes, IReadOnlyList<string> Warnings);

    /// <summary>The warning shown before acting on a hazard the law exempts; null when none applies.</summary>
    public async Task<string?> WarningForAsync(Guid? hazardId, EnforcementKind kind, CancellationToken ct = default)
    {
        if (hazardId is null || !IsSanction(kind))
        {
            return null;
        }

        await using var db = portalDb.Open();
        var hazard = await db.Hazards.AsNoTracking().SingleOrDefaultAsync(h => h.Id == hazardId, ct);
        return hazard is not null && hazard.IsExempt(ChinaTime.Today(clock)) ? ExemptWarning : null;
    }

    public async Task<Result<ActionDto>> CreateAsync(Command command, CancellationToken ct = default)
    {
        if (await Validation.CheckAsync(validator, command, ct) is { } invalid)
        {
            return invalid;
        }

        var scope = portalDb.Scope;
        if (RecordRules.MayRecordEnforcement(scope, command.Kind) is { } refused)
        {
            return refused;
        }

        var today = ChinaTime.Today(clock);
        var content = new EnforcementContent(command.Kind, command.Date, command.EnterpriseId, command.TargetJurisdictionCode, command.DocumentNumber,
            command.AmountWan, command.Persons, command.DangerousOperationCrime, command.HazardId, command.InspectionId, command.Notes);
        if (EnforcementAction.Check(content, today) is { } bad)
        {
            return bad;
        }

        await using var db = portalDb.Open();
        var placement = await RecordSupport.PlaceAsync(db, scope, command.EnterpriseId, null, command.TargetJurisdictionCode, ct);
        if (!placement.Succeeded)
        {
            return placement.Error!;
        }

        var warnings = new List<string>();
        if (command.HazardId is { } hazardId)
        {
            var hazard = await db.Hazards.AsNoTracking().SingleOrDefaultAsync(h => h.Id == hazardId && h.Status != HazardStatus.Draft, ct);
            if (hazard is null)
            {
                return Error.Invalid("hazardId", "关联的隐患不存在或不在您的管辖范围内");
            }

            if (hazard.EnterpriseId != command.EnterpriseId)
            {
                return Error.Invalid("hazardId", "关联的隐患须属于被处理的企业");
            }

            if (IsSanction(command.Kind) && hazard.IsExempt(today))
            {
                warnings.Add(ExemptWarning);
            }
        }

        if (command.InspectionId is { } inspectionId)
        {
            var inspection = await db.Inspections.AsNoTracking().Where(i => i.Id == inspectionId).Select(i => new { i.EnterpriseId }).SingleOrDefaultAsync(ct);
            if (inspection is null)
            {
                return Error.Invalid("inspectionId", "关联的检查记录不存在或不在您的管辖范围内");
            }

            if (inspection.EnterpriseId != command.EnterpriseId)
            {
                return Error.Invalid("inspectionId", "关联的检查记录须针对被处理的企业");
            }
        }

        var action = EnforcementAction.Create(content, today).Value!;
        RecordSupport.Stamp(RecordSupport.At(action, placement.Value!), scope);
        db.EnforcementActions.Add(action);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(db, action, warnings, ct);
    }

    public async Task<Result<ActionDto>> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var action = await db.EnforcementActions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        return action is null ? Error.NotFound("执法措施") : await ToDtoAsync(db, action, [], ct);
    }

    public async Task<RecordSupport.Page<ActionDto>> ListAsync(RecordSupport.ListFilter filter, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var query = await RecordSupport.ApplyAsync(db, db.EnforcementActions, filter, ct);
        if (Enum.TryParse<EnforcementKind>(filter.Kind, out var kind))
        {
            query = query.Where(a => a.Kind == kind);
        }

        return await RecordSupport.PageAsync(query, filter, async rows =>
        {
            var subject = await RecordSupport.SubjectNamesAsync(db, rows, ct);
            var targets = await RecordSupport.JurisdictionNamesAsync(db, rows.Select(r => r.TargetJurisdictionCode), ct);
            return rows.Select(a => Map(a, a.TargetJurisdictionCode is { } t ? targets.GetValueOrDefault(t, t) : subject(a), [])).ToList();
        }, ct);
    }

    /// <summary>Sanctions the 自查已报告 rule speaks of (the enterprise is not punished for a hazard it found and reported).</summary>
    private static bool IsSanction(EnforcementKind kind) => kind is EnforcementKind.Penalty or EnforcementKind.DualPenalty
        or EnforcementKind.Suspension or EnforcementKind.LicenceSuspension or EnforcementKind.Closure;

    private static async Task<ActionDto> ToDtoAsync(AppDbContext db, EnforcementAction a, IReadOnlyList<string> warnings, CancellationToken ct)
    {
        var subject = await RecordSupport.SubjectNamesAsync(db, [a], ct);
        var targets = await RecordSupport.JurisdictionNamesAsync(db, [a.TargetJurisdictionCode], ct);
        return Map(a, a.TargetJurisdictionCode is { } t ? targets.GetValueOrDefault(t, t) : subject(a), warnings);
    }

    private static ActionDto Map(EnforcementAction a, string subject, IReadOnlyList<string> warnings) => new(
        a.Id, a.Kind, EnforcementAction.KindName(a.Kind), a.On, a.EnterpriseId, a.TargetJurisdictionCode, subject, a.RecordedByUnitName, a.RecordedBy,
        a.DocumentNumber, a.AmountWan, a.Persons, a.DangerousOperationCrime, a.HazardId, a.InspectionId, a.Notes, warnings);
}
