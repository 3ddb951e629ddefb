using FluentValidation;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>检查记录 (SPEC §5): record, edit until signed, sign (谁检查、谁签名、谁负责), amend, link hazards, list.</summary>
public sealed partial class Inspections(PortalDb portalDb, IValidator<Inspections.Command> validator, TimeProvider clock)
{
    public sealed record Command
    {
        public InspectionKind Kind { get; set; }

        public DateOnly Date { get; set; }

        public Guid? EnterpriseId { get; set; }

        public Guid? PlaceId { get; set; }

        public string? TargetJurisdictionCode { get; set; }

        /// <summary>User names of the inspectors; each signs with their own account.</summary>
        public List<string> Inspectors { get; set; } = [];

        /// <summary>Suffixes of the spot-check deficiency keys (spotcheck.&lt;key&gt;).</summary>
        public List<string> Deficiencies { get; set; } = [];

        public List<Guid> HazardIds { get; set; } = [];

        public string? Notes { get; set; }

        /// <summary>For an amendment only: why the signed record is corrected.</summary>
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage("请选择检查类型");
            RuleFor(c => c.Date).NotEqual(default(DateOnly)).WithMessage("请填写检查日期");
            RuleFor(c => c.Inspectors).NotEmpty().WithMessage("请至少列出一名检查人员")
                .Must(l => l is null || l.Count <= 20).WithMessage("检查人员不超过20人")
                .Must(l => l is null || l.All(u => !string.IsNullOrWhiteSpace(u))).WithMessage("检查人员须填写用户名");
            RuleFor(c => c.HazardIds).NotNull().WithMessage("关联隐患须为列表（可为空）")
                .Must(l => l is null || l.Count <= 200).WithMessage("关联隐患不超过200条");
            RuleFor(c => c.Deficiencies).NotNull().WithMessage("抽查发现的问题须为列表（可为空）")
                .Must(l => l is null || l.All(d => !string.IsNullOrWhiteSpace(d))).WithMessage("抽查发现的问题不能为空值");
            RuleFor(c => c.Notes).MaximumLength(4000).WithMessage("检查情况不超过4000字");
            RuleFor(c => c.Reason).MaximumLength(1000).WithMessage("更正理由不超过1000字");
        }
    }

    public sealed record SignatureDto(Guid UserId, string UserName, string Name, DateTimeOffset? SignedAt);

    public sealed record HazardLink(Guid Id, string Title, HazardStatus Status, HazardGrade Grade);

    public sealed record InspectionDto(
        Guid Id, InspectionKind Kind, string KindName, DateOnly Date, Guid? EnterpriseId, Guid? PlaceId, string? TargetJurisdictionCode,
        string Subject, string JurisdictionCode, string UnitName, string RecordedBy, IReadOnlyList<SignatureDto> Inspectors,
        IReadOnlyList<string> Deficiencies, IReadOnlyList<HazardLink> Hazards, string? Notes, bool Frozen, DateTimeOffset? FrozenAt,
        Guid? AmendsId, string? AmendmentReason, Guid? SupersededById, bool CanSign, bool CanEdit, bool CanAmend, uint Version);

    public sealed record Row(Guid Id, InspectionKind Kind, string KindName, DateOnly Date, string Subject, string UnitName, string Inspectors, int Deficiencies, int Hazards, bool Frozen, bool Superseded, bool AwaitsMe);

    public async Task<Result<InspectionDto>> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var inspection = await db.Inspections.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        return inspection is null ? Error.NotFound("检查记录") : await ToDtoAsync(db, inspection, ct);
    }

    public async Task<RecordSupport.Page<Row>> ListAsync(RecordSupport.ListFilter filter, bool awaitingMySignature = false, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var query = await RecordSupport.ApplyAsync(db, db.Inspections, filter, ct);
        if (Enum.TryParse<InspectionKind>(filter.Kind, out var kind))
        {
            query = query.Where(i => i.Kind == kind);
        }

        var me = portalDb.Scope.UserId ?? Guid.Empty;
        if (awaitingMySignature)
        {
            query = query.Where(i => i.FrozenAt == null && i.SupersededById == null && i.Inspectors.Any(s => s.UserId == me && s.SignedAt == null));
        }

        return await RecordSupport.PageAsync(query, filter, async rows =>
        {
            var subject = await RecordSupport.SubjectNamesAsync(db, rows, ct);
            return rows.Select(i => new Row(
                i.Id, i.Kind, Inspection.KindName(i.Kind), i.On, subject(i), i.RecordedByUnitName, string.Join("、", i.Inspectors.Select(s => s.Name + (s.SignedAt is null ? "（未签）" : string.Empty))),
                i.Deficiencies.Count, i.HazardIds.Count, i.IsFrozen, i.IsSuperseded, i.Inspectors.Any(s => s.UserId == me && s.SignedAt is null) && !i.IsSuperseded)).ToList();
        }, ct);
    }

    /// <summary>Accounts the recorder may list as inspectors: active accounts of their own unit (or enterprise).</summary>
    public async Task<List<(string UserName, string Name)>> ColleaguesAsync(CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        await using var db = portalDb.Open();
        var query = db.Users.AsQueryable();
        query = scope.EnterpriseId is { } e ? query.Where(u => u.EnterpriseId == e) : query.Where(u => u.UnitId == scope.UnitId);
        var users = await query.Where(u => !u.Disabled).OrderBy(u => u.UserName).Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        return users.Select(u => (u.UserName!, u.DisplayName)).ToList();
    }

    private bool IsRecordingUnit(Inspection i) =>
        HazardRules.ActingUnitId(HazardRules.ActorOf(portalDb.Scope)) == i.RecordedByUnitId;

    /// <summary>A record its recording unit changes (edit, amend, link a hazard): not found, or refused to anyone else.</summary>
    private async Task<Result<Inspection>> OwnAsync(AppDbContext db, Guid id, string what, CancellationToken ct)
    {
        var inspection = await db.Inspections.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (inspection is null)
        {
            return Error.NotFound("检查记录");
        }

        return IsRecordingUnit(inspection) ? inspection : Error.Forbidden($"只有记录单位可以{what}");
    }

    private async Task<Result<InspectionContent>> ContentAsync(AppDbContext db, Command c, CancellationToken ct)
    {
        var scope = portalDb.Scope;
        var names = c.Inspectors.Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
        var normalized = names.Select(n => n.ToUpperInvariant()).Distinct().ToList();
        var users = await db.Users.Where(u => normalized.Contains(u.NormalizedUserName!) && !u.Disabled)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.UnitId, u.EnterpriseId }).ToListAsync(ct);
        var unknown = names.FirstOrDefault(n => users.All(u => !string.Equals(u.UserName, n, StringComparison.OrdinalIgnoreCase)));
        if (unknown is not null)
        {
            return Error.Invalid("inspectors", $"检查人员账号不存在或已停用：{unknown}");
        }

        var outsider = users.FirstOrDefault(u => scope.EnterpriseId is { } e ? u.EnterpriseId != e : u.UnitId != scope.UnitId);
        if (outsider is not null)
        {
            return Error.Invalid("inspectors", $"检查人员须为本单位人员：{outsider.UserName}");
        }

        if (await CheckHazardsAsync(db, c.HazardIds, c.EnterpriseId, c.PlaceId, ct) is { } bad)
        {
            return bad;
        }

        var ordered = names.Select(n => users.First(u => string.Equals(u.UserName, n, StringComparison.OrdinalIgnoreCase))).ToList();
        return new InspectionContent(c.Kind, c.Date, c.EnterpriseId, c.PlaceId, c.TargetJurisdictionCode,
            ordered.Select(u => (u.Id, u.DisplayName)).ToList(), c.Deficiencies, c.HazardIds, c.Notes);
    }

    private async Task<InspectionDto> ToDtoAsync(AppDbContext db, Inspection i, CancellationToken ct)
    {
        var subject = await RecordSupport.SubjectNamesAsync(db, [i], ct);
        var hazards = await db.Hazards.Where(h => i.HazardIds.Contains(h.Id)).Select(h => new HazardLink(h.Id, h.Title, h.Status, h.Grade)).ToListAsync(ct);
        var targetName = i.TargetJurisdictionCode is { } t ? (await RecordSupport.JurisdictionNamesAsync(db, [t], ct)).GetValueOrDefault(t, t) : null;
        var me = portalDb.Scope.UserId ?? Guid.Empty;
        var ids = i.Inspectors.Select(s => s.UserId).ToList();
        var userNames = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName!, ct);
        var recording = IsRecordingUnit(i);
        var anySigned = i.Inspectors.Any(s => s.SignedAt is not null);
        return new InspectionDto(
            i.Id, i.Kind, Inspection.KindName(i.Kind), i.On, i.EnterpriseId, i.PlaceId, i.TargetJurisdictionCode, targetName ?? subject(i), i.JurisdictionCode,
            i.RecordedByUnitName, i.RecordedBy, i.Inspectors.Select(s => new SignatureDto(s.UserId, userNames.GetValueOrDefault(s.UserId, string.Empty), s.Name, s.SignedAt)).ToList(), i.Deficiencies, hazards, i.Notes,
            i.IsFrozen, i.FrozenAt, i.AmendsId, i.AmendmentReason, i.SupersededById,
            CanSign: !i.IsSuperseded && i.Inspectors.Any(s => s.UserId == me && s.SignedAt is null),
            CanEdit: recording && !anySigned && !i.IsSuperseded,
            CanAmend: recording && i.IsFrozen && !i.IsSuperseded,
            i.Version);
    }
}
