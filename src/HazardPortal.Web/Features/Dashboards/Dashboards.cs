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
        var day = asOf ?? DefaultDay(campaign, today);
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
        var depth = path.Split('.').Length;
        var counts = await CountsAsync(db, path, depth, today, ct);
        var children = new List<ChildDto>();
        var nodes = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentCode == code).OrderBy(j => j.Code).Select(j => new { j.Code, j.Name, j.Path }).ToListAsync(ct);
        foreach (var child in nodes)
        {
            var values = await MetricComputer.ComputeAsync(db, MetricSubject.Subtree(child.Path.ToString()), campaign.StartsOn, day, ct: ct);
            var c = counts.Children.GetValueOrDefault(child.Code) ?? new Counts(0, 0, 0, 0);
            children.Add(new ChildDto(child.Code, child.Name, values, c.Overdue, c.Supervised));
        }

        var t = counts.Total;
        return new DashboardDto(node.Code, node.Name, campaign.StartsOn, day, metrics, t.Open, t.Overdue, t.DueSoon, t.Supervised, children);
    }

    /// <summary>The day a view shows unless asked otherwise: today, or the campaign's last day once it has ended.</summary>
    public static DateOnly DefaultDay(Campaign campaign, DateOnly today) => today > campaign.EndsOn ? campaign.EndsOn : today;

    private sealed record Counts(int Open, int Overdue, int DueSoon, int Supervised);

    /// <summary>
    /// The open major hazards of the subtree — all, overdue, due within 7 days, supervised — in total and per
    /// child node, in one statement over the covering partial index of open major hazards (a rollup on the
    /// scope column of the children's depth). Runs under the caller's scope (row security).
    /// </summary>
    private static async Task<(Counts Total, Dictionary<string, Counts> Children)> CountsAsync(AppDbContext db, string path, int depth, DateOnly today, CancellationToken ct)
    {
        var child = depth switch
        {
            1 => "h.province_code",
            2 => "h.prefecture_code",
            3 => "h.county_code",
            4 => "h.township_code",
            _ => null,
        };
        var key = child ?? "NULL::text";
        var sql = $"""
            SELECT {key} AS code, {(child is null ? "1" : $"GROUPING({child})")} AS total, count(*)::int,
                   count(*) FILTER (WHERE h.due_on < @today)::int, count(*) FILTER (WHERE h.due_on >= @today AND h.due_on <= @soon)::int,
                   count(*) FILTER (WHERE h.supervision_tagged_on IS NOT NULL AND h.supervision_removed_on IS NULL)::int
            FROM hazards h
            WHERE h.awaiting_rectification AND h.grade = 'Major' AND {MetricComputer.SubtreeSql("h", path)}
            {(child is null ? string.Empty : $"GROUP BY ROLLUP ({child})")}
            """;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new Npgsql.NpgsqlParameter("today", NpgsqlTypes.NpgsqlDbType.Date) { Value = today });
        command.Parameters.Add(new Npgsql.NpgsqlParameter("soon", NpgsqlTypes.NpgsqlDbType.Date) { Value = today.AddDays(7) });
        command.Parameters.Add(new Npgsql.NpgsqlParameter("code", NpgsqlTypes.NpgsqlDbType.Text) { Value = path.Split('.')[^1] });
        command.Parameters.Add(new Npgsql.NpgsqlParameter("path", NpgsqlTypes.NpgsqlDbType.LTree) { Value = path });
        var total = new Counts(0, 0, 0, 0);
        var children = new Dictionary<string, Counts>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new Counts(reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5));
            if (reader.GetInt32(1) == 1)
            {
                total = row;
            }
            else if (!reader.IsDBNull(0))
            {
                children[reader.GetString(0)] = row;
            }
        }

        return (total, children);
    }
}
