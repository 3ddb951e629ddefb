using FluentValidation;
using HazardPortal.Core;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>
/// The prominent-problem register (突出问题, 003 §四 and 附件2): problems of an enterprise, a place or a
/// jurisdiction, with the sector, whether a root-cause measure is in place and the rectified day; kept by
/// departments, township cadres and 安委办, counted in 003 附件2's 解决突出问题 columns.
/// </summary>
public sealed class Problems(PortalDb portalDb, TimeProvider clock)
{
    public sealed record Command
    {
        public Guid? EnterpriseId { get; set; }

        public Guid? PlaceId { get; set; }

        /// <summary>A problem of a jurisdiction as a whole (a road section, a market): its code, inside the caller's scope.</summary>
        public string? JurisdictionCode { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        public string? SectorCode { get; set; }

        public DateOnly? Date { get; set; }

        public bool RootCauseMeasure { get; set; }

        public string? RootCauseDescription { get; set; }

        public DateOnly? RectifiedOn { get; set; }

        public uint? Version { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("请填写突出问题").MaximumLength(200).WithMessage("突出问题不超过200字");
            RuleFor(c => c.Description).MaximumLength(4000).WithMessage("问题描述不超过4000字");
            RuleFor(c => c.RootCauseDescription).MaximumLength(2000).WithMessage("治本措施不超过2000字");
            RuleFor(c => c).Must(c => (c.EnterpriseId is null ? 0 : 1) + (c.PlaceId is null ? 0 : 1) + (string.IsNullOrWhiteSpace(c.JurisdictionCode) ? 0 : 1) <= 1)
                .WithName("enterpriseId").WithMessage("企业、场所和地区只能选择其一");
        }
    }

    public sealed record ProblemDto(
        Guid Id, Guid? EnterpriseId, Guid? PlaceId, string JurisdictionCode, string Subject, string Title, string? Description, string SectorCode, DateOnly Date,
        bool RootCauseMeasure, string? RootCauseDescription, DateOnly? RectifiedOn, string RecordedBy, uint Version);

    public async Task<Result<ProblemDto>> CreateAsync(Command command, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        if (RecordRules.MayKeepProblems(scope) is { } refused)
        {
            return refused;
        }

        if (await new Validator().ValidateAsync(command, ct) is { IsValid: false } invalid)
        {
            return Error.Invalid(invalid.Errors.GroupBy(e => char.ToLowerInvariant(e.PropertyName[0]) + e.PropertyName[1..]).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
        }

        var today = ChinaTime.Today(clock);
        var date = command.Date ?? today;
        if (ProminentProblem.Check(command.Title, date, command.RectifiedOn, today) is { } bad)
        {
            return bad;
        }

        await using var db = portalDb.Open();
        RecordSupport.Placement placement;
        if (!string.IsNullOrWhiteSpace(command.JurisdictionCode))
        {
            var node = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == command.JurisdictionCode).Select(j => new { j.Code, j.Path }).SingleOrDefaultAsync(ct);
            if (node is null)
            {
                return Error.NotFound("地区");
            }

            placement = new RecordSupport.Placement(new RecordNode(node.Code, node.Path.ToString()), null, null, null);
        }
        else
        {
            var placed = await RecordSupport.PlaceAsync(db, scope, command.EnterpriseId, command.PlaceId, null, ct);
            if (!placed.Succeeded)
            {
                return placed.Error!;
            }

            placement = placed.Value!;
        }

        var sector = command.SectorCode
            ?? (command.EnterpriseId is { } e ? await db.Enterprises.Where(x => x.Id == e).Select(x => x.SectorCode).SingleAsync(ct)
                : command.PlaceId is { } p ? await db.Places.Where(x => x.Id == p).Select(x => x.SectorCode).SingleAsync(ct)
                : null);
        if (sector is null || !await db.Sectors.AnyAsync(s => s.Code == sector, ct))
        {
            return Error.Invalid("sectorCode", "请选择行业领域");
        }

        var problem = new ProminentProblem { Title = command.Title!.Trim(), Description = command.Description?.Trim(), SectorCode = sector, On = date };
        Apply(problem, command);
        RecordSupport.Stamp(RecordSupport.At(problem, placement), scope);
        if (!scope.Contains(problem.Path.ToString()))
        {
            return Error.NotFound("地区");
        }

        db.ProminentProblems.Add(problem);
        await db.SaveChangesAsync(ct);
        return Map(problem, await RecordSupport.SubjectNamesAsync(db, [problem], ct));
    }

    public async Task<Result<ProblemDto>> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var p = await db.ProminentProblems.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return p is null ? Error.NotFound("突出问题") : Map(p, await RecordSupport.SubjectNamesAsync(db, [p], ct));
    }

    /// <summary>Records the root-cause measure and the rectified day (with the version read; a stale one is 409).</summary>
    public async Task<Result<ProblemDto>> UpdateAsync(Guid id, Command command, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        if (RecordRules.MayKeepProblems(scope) is { } refused)
        {
            return refused;
        }

        if (command.RootCauseDescription is { Length: > 2000 })
        {
            return Error.Invalid("rootCauseDescription", "治本措施不超过2000字");
        }

        await using var db = portalDb.Open();
        var problem = await db.ProminentProblems.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (problem is null)
        {
            return Error.NotFound("突出问题");
        }

        if (ProminentProblem.Check(problem.Title, problem.On, command.RectifiedOn, ChinaTime.Today(clock)) is { } bad)
        {
            return bad;
        }

        if (command.Version is { } version && version != problem.Version)
        {
            return Error.Conflict("该问题已被他人修改，请刷新后再试");
        }

        Apply(problem, command);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("该问题已被他人修改，请刷新后再试");
        }

        return Map(problem, await RecordSupport.SubjectNamesAsync(db, [problem], ct));
    }

    public async Task<RecordSupport.Page<ProblemDto>> ListAsync(RecordSupport.ListFilter filter, bool? rectified, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var query = await RecordSupport.ApplyAsync(db, db.ProminentProblems, filter, ct);
        if (rectified is { } r)
        {
            query = r ? query.Where(x => x.RectifiedOn != null) : query.Where(x => x.RectifiedOn == null);
        }

        return await RecordSupport.PageAsync(query, filter, async rows =>
        {
            var subject = await RecordSupport.SubjectNamesAsync(db, rows, ct);
            return rows.Select(x => Map(x, subject)).ToList();
        }, ct);
    }

    private static void Apply(ProminentProblem problem, Command c)
    {
        problem.RootCauseMeasure = c.RootCauseMeasure;
        problem.RootCauseDescription = string.IsNullOrWhiteSpace(c.RootCauseDescription) ? null : c.RootCauseDescription.Trim();
        problem.RectifiedOn = c.RectifiedOn;
    }

    private static ProblemDto Map(ProminentProblem p, Func<FieldRecord, string> subject) => new(
        p.Id, p.EnterpriseId, p.PlaceId, p.JurisdictionCode, subject(p), p.Title, p.Description, p.SectorCode, p.On, p.RootCauseMeasure, p.RootCauseDescription,
        p.RectifiedOn, p.RecordedBy, p.Version);
}
