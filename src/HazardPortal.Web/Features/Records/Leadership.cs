using FluentValidation;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>
/// Form section 4 records (SPEC §5): leadership activities, dated jurisdiction facts and rewards,
/// kept by the jurisdiction's 安委办 or township cadre for a jurisdiction in their scope.
/// </summary>
public sealed class Leadership(PortalDb portalDb, IValidator<Leadership.ActivityCommand> activityValidator, TimeProvider clock)
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

    public sealed record FactsCommand(DateOnly AsOf, bool MediaColumn, int TechnicalInspectors);

    public sealed record RewardCommand
    {
        public string? JurisdictionCode { get; set; }

        public DateOnly Date { get; set; }

        public decimal AmountWan { get; set; }

        public bool Anonymous { get; set; }

        public Guid? PublicReportId { get; set; }

        public string? Notes { get; set; }
    }

    public sealed record ActivityDto(Guid Id, string JurisdictionCode, string JurisdictionName, LeadershipKind Kind, string KindName, DateOnly Date, string Description, string UnitName, string RecordedBy);

    public sealed record FactDto(Guid Id, string JurisdictionCode, string JurisdictionName, DateOnly AsOf, bool MediaColumn, int TechnicalInspectors, string RecordedBy);

    public sealed record RewardDto(Guid Id, string JurisdictionCode, string JurisdictionName, DateOnly Date, decimal AmountWan, bool Anonymous, Guid? PublicReportId, string? Notes, string UnitName, string RecordedBy);

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

    public async Task<Result<RewardDto>> GetRewardAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var r = await db.Rewards.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return r is null ? Error.NotFound("举报奖励") : Map(r, await RecordSupport.JurisdictionNamesAsync(db, [r.JurisdictionCode], ct));
    }

    /// <summary>Records the facts of a jurisdiction as of a day (one row per day; the same day again replaces it).</summary>
    public async Task<Result<FactDto>> SetFactsAsync(string code, FactsCommand command, CancellationToken ct = default)
    {
        if (RecordRules.MayKeepLeadership(portalDb.Scope, "地区情况") is { } refused)
        {
            return refused;
        }

        if (command.AsOf == default)
        {
            return Error.Invalid("asOf", "请填写日期");
        }

        if (JurisdictionFact.Check(command.AsOf, command.TechnicalInspectors, ChinaTime.Today(clock)) is { } bad)
        {
            return bad;
        }

        await using var db = portalDb.Open();
        var node = await RecordSupport.JurisdictionAsync(db, code, ct);
        if (!node.Succeeded)
        {
            return node.Error!;
        }

        var fact = await db.JurisdictionFacts.SingleOrDefaultAsync(f => f.JurisdictionCode == code && f.On == command.AsOf, ct);
        if (fact is null)
        {
            fact = new JurisdictionFact { On = command.AsOf };
            fact.PlaceAt(node.Value!.Code, node.Value.Path);
            db.JurisdictionFacts.Add(fact);
        }

        fact.MediaColumn = command.MediaColumn;
        fact.TechnicalInspectors = command.TechnicalInspectors;
        RecordSupport.Stamp(fact, portalDb.Scope);
        await db.SaveChangesAsync(ct);
        var names = await RecordSupport.JurisdictionNamesAsync(db, [code], ct);
        return Map(fact, names);
    }

    /// <summary>The facts of a jurisdiction, newest first (a form takes the latest on or before its as-of day).</summary>
    public async Task<Result<List<FactDto>>> FactsAsync(string code, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var node = await RecordSupport.JurisdictionAsync(db, code, ct);
        if (!node.Succeeded)
        {
            return node.Error!;
        }

        var facts = await db.JurisdictionFacts.Where(f => f.JurisdictionCode == code).OrderByDescending(f => f.On).AsNoTracking().ToListAsync(ct);
        var names = await RecordSupport.JurisdictionNamesAsync(db, [code], ct);
        return facts.Select(f => Map(f, names)).ToList();
    }

    public async Task<Result<RewardDto>> CreateRewardAsync(RewardCommand command, CancellationToken ct = default)
    {
        if (RecordRules.MayKeepLeadership(portalDb.Scope, "举报奖励") is { } refused)
        {
            return refused;
        }

        if (command.Date == default)
        {
            return Error.Invalid("date", "请填写日期");
        }

        if (Reward.Check(command.Date, command.AmountWan, ChinaTime.Today(clock)) is { } bad)
        {
            return bad;
        }

        if (command.Notes is { Length: > 1000 })
        {
            return Error.Invalid("notes", "备注不超过1000字");
        }

        await using var db = portalDb.Open();
        var anonymous = command.Anonymous;
        var code = command.JurisdictionCode;
        if (command.PublicReportId is { } reportId)
        {
            // Only the county 安委办 sees a report; a reward on it takes the report's anonymity.
            if (RecordRules.MayHandlePublicReports(portalDb.Scope) is { } notOffice)
            {
                return notOffice;
            }

            var report = await db.PublicReports.AsNoTracking().Where(r => r.Id == reportId).Select(r => new { r.Anonymous, r.CountyCode, r.Status }).SingleOrDefaultAsync(ct);
            if (report is null)
            {
                return Error.Invalid("publicReportId", "举报不存在或不在您的管辖范围内");
            }

            if (report.Status != PublicReportStatus.Accepted)
            {
                return Error.Invalid("publicReportId", "只有查证属实的举报可以兑现奖励");
            }

            anonymous = report.Anonymous;
            code ??= report.CountyCode;
        }

        var node = await RecordSupport.JurisdictionAsync(db, code, ct);
        if (!node.Succeeded)
        {
            return node.Error!;
        }

        var reward = new Reward { On = command.Date, AmountWan = command.AmountWan, Anonymous = anonymous, PublicReportId = command.PublicReportId, Notes = command.Notes?.Trim() };
        reward.PlaceAt(node.Value!.Code, node.Value.Path);
        RecordSupport.Stamp(reward, portalDb.Scope);
        db.Rewards.Add(reward);
        await db.SaveChangesAsync(ct);
        return Map(reward, await RecordSupport.JurisdictionNamesAsync(db, [reward.JurisdictionCode], ct));
    }

    public async Task<RecordSupport.Page<RewardDto>> ListRewardsAsync(RecordSupport.ListFilter filter, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var query = await RecordSupport.ApplyAsync(db, db.Rewards, filter, ct);
        return await RecordSupport.PageAsync(query, filter, async rows =>
        {
            var names = await RecordSupport.JurisdictionNamesAsync(db, rows.Select(r => r.JurisdictionCode), ct);
            return rows.Select(r => Map(r, names)).ToList();
        }, ct);
    }

    private static ActivityDto Map(LeadershipActivity a, Dictionary<string, string> names) =>
        new(a.Id, a.JurisdictionCode, names.GetValueOrDefault(a.JurisdictionCode, a.JurisdictionCode), a.Kind, LeadershipActivity.KindName(a.Kind), a.On, a.Description, a.RecordedByUnitName, a.RecordedBy);

    private static FactDto Map(JurisdictionFact f, Dictionary<string, string> names) =>
        new(f.Id, f.JurisdictionCode, names.GetValueOrDefault(f.JurisdictionCode, f.JurisdictionCode), f.On, f.MediaColumn, f.TechnicalInspectors, f.RecordedBy);

    private static RewardDto Map(Reward r, Dictionary<string, string> names) =>
        new(r.Id, r.JurisdictionCode, names.GetValueOrDefault(r.JurisdictionCode, r.JurisdictionCode), r.On, r.AmountWan, r.Anonymous, r.PublicReportId, r.Notes, r.RecordedByUnitName, r.RecordedBy);
}
