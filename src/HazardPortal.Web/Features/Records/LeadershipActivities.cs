using FluentValidation;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>Use cases: record, list and read the 组织领导 activities (meetings, supervision, training).</summary>
public sealed partial class Leadership
{
    public sealed record ActivityCommand
    {
        public string? JurisdictionCode { get; set; }

        public LeadershipKind Kind { get; set; }

        public DateOnly Date { get; set; }

        public string? Description { get; set; }
    }

    public sealed class ActivityValidator : AbstractValidator<ActivityCommand>
    {
        public ActivityValidator()
        {
            RuleFor(c => c.JurisdictionCode).NotEmpty().WithMessage("请选择地区");
            RuleFor(c => c.Kind).IsInEnum().WithMessage("请选择活动类型");
            RuleFor(c => c.Date).NotEqual(default(DateOnly)).WithMessage("请填写日期");
            RuleFor(c => c.Description).NotEmpty().WithMessage("请填写活动内容").MaximumLength(2000).WithMessage("活动内容不超过2000字");
        }
    }

    public sealed record ActivityDto(Guid Id, string JurisdictionCode, string JurisdictionName, LeadershipKind Kind, string KindName, DateOnly Date, string Description, string UnitName, string RecordedBy);

    public async Task<Result<ActivityDto>> CreateActivityAsync(ActivityCommand command, CancellationToken ct = default)
    {
        if (await Validation.CheckAsync(activityValidator, command, ct) is { } invalid)
        {
            return invalid;
        }

        if (RecordRules.MayKeepLeadership(portalDb.Scope, "组织领导活动") is { } refused)
        {
            return refused;
        }

        if (LeadershipActivity.Check(command.Kind, command.Date, command.Description, ChinaTime.Today(clock)) is { } bad)
        {
            return bad;
        }

        await using var db = portalDb.Open();
        var node = await RecordSupport.JurisdictionAsync(db, command.JurisdictionCode, ct);
        if (!node.Succeeded)
        {
            return node.Error!;
        }

        var activity = new LeadershipActivity { Kind = command.Kind, On = command.Date, Description = command.Description!.Trim() };
        activity.PlaceAt(node.Value!.Code, node.Value.Path);
        RecordSupport.Stamp(activity, portalDb.Scope);
        db.LeadershipActivities.Add(activity);
        await db.SaveChangesAsync(ct);
        var names = await RecordSupport.JurisdictionNamesAsync(db, [activity.JurisdictionCode], ct);
        return Map(activity, names);
    }

    public async Task<RecordSupport.Page<ActivityDto>> ListActivitiesAsync(RecordSupport.ListFilter filter, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var query = await RecordSupport.ApplyAsync(db, db.LeadershipActivities, filter, ct);
        if (Enum.TryParse<LeadershipKind>(filter.Kind, out var kind))
        {
            query = query.Where(a => a.Kind == kind);
        }

        return await RecordSupport.PageAsync(query, filter, async rows =>
        {
            var names = await RecordSupport.JurisdictionNamesAsync(db, rows.Select(r => r.JurisdictionCode), ct);
            return rows.Select(a => Map(a, names)).ToList();
        }, ct);
    }

    public async Task<Result<ActivityDto>> GetActivityAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var a = await db.LeadershipActivities.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return a is null ? Error.NotFound("组织领导活动") : Map(a, await RecordSupport.JurisdictionNamesAsync(db, [a.JurisdictionCode], ct));
    }
}
