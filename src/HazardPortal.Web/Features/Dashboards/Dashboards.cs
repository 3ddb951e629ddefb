using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using HazardPortal.Web.Features.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dashboards;

/// <summary>
/// A jurisdiction's dashboard (issue #6, API.md "Dashboards"): the forms' metrics over the campaign
/// window to the as-of day — the same computation the forms use (<see cref="MetricComputer"/>), for the
/// unit and for each child — plus its open, overdue, due-soon and supervised hazards.
/// </summary>
public sealed class Dashboards(PortalDb portalDb, DispatchReference reference, TimeProvider clock)
{
    public sealed record ChildDto(string Code, string Name, IReadOnlyDictionary<string, decimal> Metrics, int Overdue, int SupervisedOpen);

    public sealed record DashboardDto(
        string Unit, string Name, DateOnly WindowStart, DateOnly AsOf, IReadOnlyDictionary<string, decimal> Metrics, int Open, int Overdue, int DueSoon, int SupervisedOpen,
        IReadOnlyList<ChildDto> Children);

    public async Task<Result<DashboardDto>> GetAsync(string? unit, DateOnly? asOf, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        if (scope.EnterpriseId is not null)
        {
            return Error.Forbidden("企业账号请查看本企业的隐患台账");
        }

        var code = string.IsNullOrWhiteSpace(unit) ? scope.Path!.Split('.')[^1] : unit;
        var campaign = (await reference.GetAsync(portalDb, ct)).Campaigns[Campaign.Default];
        var today = ChinaTime.Today(clock);
        var day = asOf ?? (today > campaign.EndsOn ? campaign.EndsOn : today);
        if (day < campaign.StartsOn)
        {
            return Error.Invalid("asOf", $"统计日期不能早于专项行动开始日（{campaign.StartsOn:yyyy-MM-dd}）");
        }

        await using var db = portalDb.Open();
        await db.Database.OpenConnectionAsync(ct);
        var node = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == code).Select(j => new { j.Code, j.Name, j.Path }).SingleOrDefaultAsync(ct);
        if (node is null)
        {
            return Error.NotFound("地区");
        }

        var path = node.Path.ToString();
        var metrics = await MetricComputer.ComputeAsync(db, MetricSubject.Subtree(path), campaign.StartsOn, day, ct: ct);
        var hazards = ScopeColumns.Within(db.Hazards.AsNoTracking(), path).Where(h => h.AwaitingRectification && h.Grade == HazardGrade.Major);
        var supervisedOpen = hazards.Where(h => h.Supervision != null && h.Supervision.RemovedOn == null);
        var open = await hazards.CountAsync(ct);
        var overdue = await hazards.CountAsync(h => h.DueOn < today, ct);
        var dueSoon = await hazards.CountAsync(h => h.DueOn >= today && h.DueOn <= today.AddDays(7), ct);
        var supervised = await supervisedOpen.CountAsync(ct);

        var depth = path.Split('.').Length;
        var children = new List<ChildDto>();
        var nodes = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentCode == code).OrderBy(j => j.Code).Select(j => new { j.Code, j.Name, j.Path }).ToListAsync(ct);
        var byChild = depth < ScopeColumns.MaxDepth
            ? await ChildCountsAsync(hazards, supervisedOpen, depth + 1, today, ct)
            : [];
        foreach (var child in nodes)
        {
            var values = await MetricComputer.ComputeAsync(db, MetricSubject.Subtree(child.Path.ToString()), campaign.StartsOn, day, ct: ct);
            var c = byChild.GetValueOrDefault(child.Code);
            children.Add(new ChildDto(child.Code, child.Name, values, c.Overdue, c.Supervised));
        }

        return new DashboardDto(node.Code, node.Name, campaign.StartsOn, day, metrics, open, overdue, dueSoon, supervised, children);
    }

    /// <summary>Overdue and supervised open hazards per child node, grouped on the scope column of the children's depth.</summary>
    private static async Task<Dictionary<string, (int Overdue, int Supervised)>> ChildCountsAsync(
        IQueryable<Hazard> hazards, IQueryable<Hazard> supervised, int childDepth, DateOnly today, CancellationToken ct)
    {
        async Task<Dictionary<string, int>> CountAsync(IQueryable<Hazard> query)
        {
            var grouped = childDepth switch
            {
                2 => query.GroupBy(h => h.ProvinceCode),
                3 => query.GroupBy(h => h.PrefectureCode),
                4 => query.GroupBy(h => h.CountyCode),
                _ => query.GroupBy(h => h.TownshipCode),
            };
            return (await grouped.Select(g => new { Code = g.Key, N = g.Count() }).ToListAsync(ct)).Where(r => r.Code != null).ToDictionary(r => r.Code!, r => r.N);
        }

        var overdue = await CountAsync(hazards.Where(h => h.DueOn < today));
        var tagged = await CountAsync(supervised);
        return overdue.Keys.Union(tagged.Keys).ToDictionary(k => k, k => (overdue.GetValueOrDefault(k), tagged.GetValueOrDefault(k)));
    }
}
