using FluentValidation;
using HazardPortal.Core.Authorization;
using HazardPortal.Core.Common;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>Use cases: 举报奖励 — record a reward (on a public report, taking its anonymity), list and read them.</summary>
public sealed partial class Leadership
{
    public sealed record RewardCommand
    {
        public string? JurisdictionCode { get; set; }

        public DateOnly Date { get; set; }

        public decimal AmountWan { get; set; }

        public bool Anonymous { get; set; }

        public Guid? PublicReportId { get; set; }

        public string? Notes { get; set; }
    }

    public sealed record RewardDto(Guid Id, string JurisdictionCode, string JurisdictionName, DateOnly Date, decimal AmountWan, bool Anonymous, Guid? PublicReportId, string? Notes, string UnitName, string RecordedBy);

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

    public async Task<Result<RewardDto>> GetRewardAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var r = await db.Rewards.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return r is null ? Error.NotFound("举报奖励") : Map(r, await RecordSupport.JurisdictionNamesAsync(db, [r.JurisdictionCode], ct));
    }
}
