using HazardPortal.Core;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dashboards;

/// <summary>
/// A jurisdiction's dashboard (issue #6, API.md "Dashboards"): the forms' metrics over the campaign
/// window to the as-of day — the same computation the forms use (<see cref="MetricComputer"/>), for the
/// unit and for each child — plus its open, overdue, due-soon and supervised hazards.
/// </summary>
public sealed class Dashboards(PortalDb portalDb, DispatchReference reference, ReadReplica reads, TimeProvider clock)
{
    public sealed record ChildDto(string Code, string Name, IReadOnlyDictionary<string, decimal> Metrics, int Overdue, int SupervisedOpen);

    /// <summary>
    /// One month of the campaign to the as-of day: hazards found in it, and hazards (found since the campaign began)
    /// whose rectification the month completed — the month-end cumulative figures of the forms, less the month before.
    /// </summary>
    public sealed record MonthDto(string Period, DateOnly From, DateOnly To, decimal Found, decimal Rectified);

    /// <summary>Open major hazards of one top-level sector now: all, overdue, supervised.</summary>
    public sealed record SectorDto(string Code, string Name, int Open, int Overdue, int Supervised);

    /// <summary>How the units owing this node's forms reported at one cutoff: on time, late, not in (or not yet due).</summary>
    public sealed record TimelinessDto(string Template, string TemplateName, string Period, int Cutoff, DateOnly DueOn, int Owing, int OnTime, int Late, int NotIn, bool Due);

    /// <summary>Something the node owes next: a form cutoff, a deliverable, the commitments — and whether it is done.</summary>
    public sealed record DueDto(string Kind, string Name, DateOnly DueOn, string Link, bool Done);

    /// <summary>A phase of the campaign in the node's own plan or the nearest plan above it.</summary>
    public sealed record PhaseDto(string Name, DateOnly StartsOn, DateOnly EndsOn, string Issuer);

    public sealed record DashboardDto(
        string Unit, string Name, DateOnly WindowStart, DateOnly AsOf, IReadOnlyDictionary<string, decimal> Metrics, int Open, int Overdue, int DueSoon, int SupervisedOpen,
        IReadOnlyList<ChildDto> Children, IReadOnlyList<MonthDto> Months, IReadOnlyList<SectorDto> Sectors, IReadOnlyList<TimelinessDto> Timeliness,
        string CampaignName, PhaseDto? Phase, PhaseDto? NextPhase, IReadOnlyList<DueDto> DueNext, DateTimeOffset DataAsOf, bool FromStandby);

    public async Task<Result<DashboardDto>> GetAsync(string? unit, DateOnly? asOf, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        if (scope.EnterpriseId is not null)
        {
            return Error.Forbidden("企业账号请查看本企业的隐患台账");
        }

        var code = Nodes.CodeOr(scope, unit);
        var campaign = (await reference.GetAsync(portalDb, ct)).Campaigns[Campaign.Default];
        var today = ChinaTime.Today(clock);
        var day = asOf ?? campaign.AsOfDefault(today);
        if (day < campaign.StartsOn)
        {
            return Error.Invalid("asOf", $"统计日期不能早于专项行动开始日（{campaign.StartsOn:yyyy-MM-dd}）");
        }

        if (RecordDates.Check(day, "asOf", "统计日期") is { } outside)
        {
            return outside;
        }

        // Read-only and heavy: on the standby when it is near enough (ReadReplica), and the page says how current it is;
        // on the primary again if the standby goes away during the reads.
        return await reads.ReadAsync(portalDb.Scope, (db, dataAsOf, fromStandby) => ReadAsync(db, dataAsOf, fromStandby, code, campaign, day, today, ct), ct: ct);
    }

    private async Task<Result<DashboardDto>> ReadAsync(AppDbContext db, DateTimeOffset dataAsOf, bool fromStandby, string code, Campaign campaign, DateOnly day, DateOnly today, CancellationToken ct)
    {
        var node = await Nodes.FindAsync(db, code, ct);
        if (node is null)
        {
            return Error.NotFound("地区");
        }

        var path = node.Path;
        var metrics = await MetricComputer.ComputeAsync(db, MetricSubject.Subtree(path), campaign.StartsOn, day, ct: ct);
        var children = new List<ChildDto>();
        var nodes = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentCode == code).Onboarded(db).OrderBy(j => j.Code).Select(j => new { j.Code, j.Name, j.Path }).ToListAsync(ct);
        // The children's depth, not the node's plus one: a city without counties has its townships two levels below.
        var childDepth = nodes.Count == 0 ? JurisdictionPath.Depth(path) + 1 : nodes.Min(n => JurisdictionPath.Depth(n.Path.ToString()));
        var counts = await CountsAsync(db, path, childDepth, today, ct);
        foreach (var child in nodes)
        {
            var values = await MetricComputer.ComputeAsync(db, MetricSubject.Subtree(child.Path.ToString()), campaign.StartsOn, day, ct: ct);
            var c = counts.Children.GetValueOrDefault(child.Code) ?? new Counts(0, 0, 0, 0);
            children.Add(new ChildDto(child.Code, child.Name, values, c.Overdue, c.Supervised));
        }

        // Month by month as differences of the cumulative figures at each month's end — windows that start on the
        // campaign's first day, which the maintained aggregates answer: found in the month, and rectified in it.
        var months = new List<MonthDto>();
        var (foundBefore, rectifiedBefore) = (0m, 0m);
        for (var first = new DateOnly(campaign.StartsOn.Year, campaign.StartsOn.Month, 1); first <= day; first = first.AddMonths(1))
        {
            var from = first < campaign.StartsOn ? campaign.StartsOn : first;
            var end = first.AddMonths(1).AddDays(-1);
            var to = end > day ? day : end;
            var m = to == day ? metrics : await MetricComputer.ComputeAsync(db, MetricSubject.Subtree(path), campaign.StartsOn, to, ct: ct);
            months.Add(new MonthDto(ReportingCalendar.PeriodOf(first), from, to, Found(m) - foundBefore, Rectified(m) - rectifiedBefore));
            (foundBefore, rectifiedBefore) = (Found(m), Rectified(m));
        }

        var known = await reference.GetAsync(portalDb, ct);
        var sectors = await SectorsAsync(db, path, today, ct);
        var timeliness = await TimelinessAsync(db, known, campaign, node.Code, day, today, ct);
        var chain = JurisdictionPath.Labels(path);
        var phases = await db.CampaignPhases.AsNoTracking().Where(p => p.CampaignCode == campaign.Code && chain.Contains(p.IssuerJurisdictionCode)).ToListAsync(ct);
        var planner = phases.Select(p => p.IssuerJurisdictionCode).OrderByDescending(c => Array.IndexOf(chain, c)).FirstOrDefault();
        var plan = phases.Where(p => p.IssuerJurisdictionCode == planner).OrderBy(p => p.StartsOn).ToList();
        var plannerName = planner is null ? string.Empty : known.Issues.Where(i => i.IssuerJurisdictionCode == planner).Select(i => known.IssuerNames.GetValueOrDefault(i.IssuerUnitId)).FirstOrDefault() ?? string.Empty;
        PhaseDto? P(CampaignPhase? p) => p is null ? null : new PhaseDto(p.Name, p.StartsOn, p.EndsOn, plannerName);
        var dueNext = await DueNextAsync(db, known, campaign, node.Code, chain, today, ct);

        var t = counts.Total;
        return new DashboardDto(
            node.Code, node.Name, campaign.StartsOn, day, metrics, t.Open, t.Overdue, t.DueSoon, t.Supervised, children, months, sectors, timeliness, campaign.Name,
            P(plan.FirstOrDefault(p => p.StartsOn <= day && day <= p.EndsOn)), P(plan.FirstOrDefault(p => p.StartsOn > day)), dueNext, dataAsOf, fromStandby);
    }

    /// <summary>The keys behind a dashboard figure: 发现 and 整改 add the self-found and department-found keys of the forms.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Figures = new Dictionary<string, string[]>
    {
        ["found"] = ["hazards.self.found", "hazards.dept.found"],
        ["rectified"] = ["hazards.self.rectified", "hazards.dept.rectified"],
        ["supervised"] = ["hazards.supervised"],
    };

    public sealed record RecordsDto(string Unit, string Name, string Figure, DateOnly From, DateOnly To, IReadOnlyList<MetricRecord> Records);

    /// <summary>
    /// The records behind a dashboard figure of a unit and window — the drill-down the forms use
    /// (<see cref="MetricRecords"/>, the same definitions as the computation), so every figure opens its records.
    /// </summary>
    public async Task<Result<RecordsDto>> RecordsAsync(string? unit, string figure, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        if (scope.EnterpriseId is not null)
        {
            return Error.Forbidden("企业账号请查看本企业的隐患台账");
        }

        if (!Figures.TryGetValue(figure, out var keys))
        {
            return Error.Invalid("figure", "没有这项指标（found、rectified、supervised）");
        }

        var campaign = (await reference.GetAsync(portalDb, ct)).Campaigns[Campaign.Default];
        var start = from ?? campaign.StartsOn;
        var day = to ?? campaign.AsOfDefault(ChinaTime.Today(clock));
        if (start < campaign.StartsOn || day < start)
        {
            return Error.Invalid("from", $"统计区间应在专项行动开始日（{campaign.StartsOn:yyyy-MM-dd}）之后，且起日不晚于止日");
        }

        var code = Nodes.CodeOr(scope, unit);
        // Read-only and heavy: on the standby when it is near enough (ReadReplica); on the primary again if it goes away.
        return await reads.ReadAsync(portalDb.Scope, (db, _, _) => RecordsAsync(db, code, figure, keys, campaign, start, day, ct), ct: ct);
    }

    private static async Task<Result<RecordsDto>> RecordsAsync(AppDbContext db, string code, string figure, string[] keys, Campaign campaign, DateOnly start, DateOnly day, CancellationToken ct)
    {
        var node = await Nodes.FindAsync(db, code, ct);
        if (node is null)
        {
            return Error.NotFound("地区");
        }

        // 整改 over [from, to]: what the cumulative figure gained in those days (rectified as of `to`, less rectified as of
        // the day before `from`), as the monthly panel counts it; from the campaign's first day that is the figure itself.
        var subject = MetricSubject.Subtree(node.Path);
        var records = new List<MetricRecord>();
        foreach (var key in keys)
        {
            if (figure == "rectified")
            {
                var before = start > campaign.StartsOn
                    ? (await MetricRecords.ListAsync(db, subject, campaign.StartsOn, start.AddDays(-1), key, ct)).Select(r => (r.Type, r.Id)).ToHashSet()
                    : [];
                records.AddRange((await MetricRecords.ListAsync(db, subject, campaign.StartsOn, day, key, ct)).Where(r => !before.Contains((r.Type, r.Id))));
            }
            else
            {
                records.AddRange(await MetricRecords.ListAsync(db, subject, start, day, key, ct));
            }
        }

        return new RecordsDto(node.Code, node.Name, figure, start, day, records.DistinctBy(r => (r.Type, r.Id)).OrderByDescending(r => r.Date).ToList());
    }

    /// <summary>发现 = self-found + department-found; 整改 = rectified of both (the forms' keys).</summary>
    public static decimal Found(IReadOnlyDictionary<string, decimal> m) => Figures["found"].Sum(m.GetValueOrDefault);

    public static decimal Rectified(IReadOnlyDictionary<string, decimal> m) => Figures["rectified"].Sum(m.GetValueOrDefault);

    /// <summary>The open major hazards of the subtree by top-level sector, over the same covering partial index as the counts.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The SQL is composed from code constants (the metric and matrix definitions, quoted identifiers); every value is a parameter.")]
    private static async Task<List<SectorDto>> SectorsAsync(AppDbContext db, string path, DateOnly today, CancellationToken ct)
    {
        var sql = $"""
            SELECT split_part(h.sector_code, '.', 1) AS code, count(*)::int, count(*) FILTER (WHERE h.due_on < @today)::int,
                   count(*) FILTER (WHERE h.supervision_tagged_on IS NOT NULL AND h.supervision_removed_on IS NULL)::int
            FROM hazards h
            WHERE h.awaiting_rectification AND h.grade = 'Major' AND {MetricComputer.SubtreeSql("h", path)}
            GROUP BY 1
            """;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new Npgsql.NpgsqlParameter("today", NpgsqlTypes.NpgsqlDbType.Date) { Value = today });
        command.Parameters.Add(new Npgsql.NpgsqlParameter("code", NpgsqlTypes.NpgsqlDbType.Text) { Value = JurisdictionPath.Code(path) });
        command.Parameters.Add(new Npgsql.NpgsqlParameter("path", NpgsqlTypes.NpgsqlDbType.LTree) { Value = path });
        var rows = new List<(string Code, int Open, int Overdue, int Supervised)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
            }
        }

        var codes = rows.Select(r => r.Code).ToList();
        var names = await db.Sectors.AsNoTracking().Where(x => codes.Contains(x.Code)).ToDictionaryAsync(x => x.Code, x => x.Name, ct);
        return rows.Select(r => new SectorDto(r.Code, names.GetValueOrDefault(r.Code, r.Code), r.Open, r.Overdue, r.Supervised)).OrderByDescending(r => r.Open).ThenBy(r => r.Code).ToList();
    }

    /// <summary>
    /// 报送及时性: for each form this node issues, its last three cutoffs to the as-of day — how many
    /// owing units submitted on time, late, or not at all (a cutoff not yet due is shown as such, not as missing).
    /// </summary>
    private static async Task<List<TimelinessDto>> TimelinessAsync(AppDbContext db, DispatchReference.Snapshot known, Campaign campaign, string code, DateOnly day, DateOnly today, CancellationToken ct)
    {
        var result = new List<TimelinessDto>();
        var firstMonth = new DateOnly(campaign.StartsOn.Year, campaign.StartsOn.Month, 1);
        var periods = Enumerable.Range(0, 3).Select(i => new DateOnly(day.Year, day.Month, 1).AddMonths(-i)).Where(d => d >= firstMonth).Select(ReportingCalendar.PeriodOf).ToList();
        foreach (var issue in known.Issues.Where(i => i.IssuerJurisdictionCode == code))
        {
            var template = known.Templates[issue.TemplateCode];
            var owing = await IssueRecipients.Query(db, code, issue.Recipients).Select(r => r.Key).ToListAsync(ct);
            var forms = await db.DispatchForms.AsNoTracking()
                .Where(f => f.TemplateCode == issue.TemplateCode && periods.Contains(f.Period) && owing.Contains(f.UnitKey))
                .Select(f => new { f.Period, f.CutoffDay, f.Status, f.Late }).ToListAsync(ct);
            foreach (var period in periods)
            {
                foreach (var cutoff in issue.CutoffDays.Order())
                {
                    var days = ReportingCalendar.For(period, cutoff, template.Window, template.HolidayShift, campaign.StartsOn, known.Calendar);
                    var these = forms.Where(f => f.Period == period && f.CutoffDay == cutoff && f.Status is FormStatus.Submitted or FormStatus.Accepted).ToList();
                    var late = these.Count(f => f.Late);
                    if (days.AsOf <= day)
                    {
                        result.Add(new TimelinessDto(template.Code, template.Name, period, cutoff, days.DueOn, owing.Count, these.Count - late, late, owing.Count - these.Count, days.DueOn < today));
                    }
                }
            }
        }

        // The last three cutoffs of each form (a form due three times a month shows its last three, not nine).
        return result.GroupBy(r => r.Template).SelectMany(g => g.OrderByDescending(r => r.DueOn).Take(3)).OrderBy(r => r.Template).ThenByDescending(r => r.DueOn).ToList();
    }

    /// <summary>下一步: the node's next form cutoffs and the deliverables it owes its superior, with whether each is done.</summary>
    private static async Task<List<DueDto>> DueNextAsync(AppDbContext db, DispatchReference.Snapshot known, Campaign campaign, string code, string[] chain, DateOnly today, CancellationToken ct)
    {
        var due = new List<DueDto>();
        var parent = chain.Length >= 2 ? chain[^2] : null;
        foreach (var issue in known.Issues.Where(i => i.IssuerJurisdictionCode == parent && i.Recipients.HasFlag(Recipients.ChildJurisdictions)))
        {
            var template = known.Templates[issue.TemplateCode];
            var next = new[] { today, today.AddMonths(1) }
                .SelectMany(m => issue.CutoffDays.Select(c => ReportingCalendar.For(ReportingCalendar.PeriodOf(m), c, template.Window, template.HolidayShift, campaign.StartsOn, known.Calendar)))
                .Where(d => d.DueOn >= today && d.AsOf >= campaign.StartsOn && d.AsOf <= campaign.EndsOn).OrderBy(d => d.DueOn).FirstOrDefault();
            if (next is null)
            {
                continue;
            }

            var done = await db.DispatchForms.AsNoTracking().AnyAsync(
                f => f.TemplateCode == template.Code && f.UnitKey == code && f.Period == next.Period && f.CutoffDay == next.CutoffDay
                     && (f.Status == FormStatus.Submitted || f.Status == FormStatus.Accepted), ct);
            due.Add(new DueDto("调度表", $"{template.Name} {next.Period}（{next.CutoffDay}日）", next.DueOn, "/dispatch", done));
        }

        var deliverables = await db.Deliverables.AsNoTracking().Where(d => d.CampaignCode == campaign.Code && d.IssuerJurisdictionCode == parent).OrderBy(d => d.DueOn).ToListAsync(ct);
        var ids = deliverables.Where(d => d.Recipients.HasFlag(Recipients.ChildJurisdictions)).Select(d => d.Id).ToList();
        var sent = await db.DeliverableUploads.AsNoTracking().Where(u => ids.Contains(u.DeliverableId) && u.UnitKey == code).Select(u => u.DeliverableId).Distinct().ToListAsync(ct);
        due.AddRange(deliverables.Where(d => ids.Contains(d.Id) && (d.DueOn >= today || !sent.Contains(d.Id)))
            .Select(d => new DueDto("报送材料", d.Name, d.DueOn, "/campaigns", sent.Contains(d.Id))));
        if (campaign.CommitmentDueOn >= today)
        {
            due.Add(new DueDto("承诺回执书", "企业安全生产承诺回执书签署", campaign.CommitmentDueOn, "/records/commitments", false));
        }

        return due.OrderBy(d => d.Done).ThenBy(d => d.DueOn).ToList();
    }

    /// <summary>The day a view shows unless asked otherwise: today, or the campaign's last day once it has ended.</summary>
    private sealed record Counts(int Open, int Overdue, int DueSoon, int Supervised);

    /// <summary>
    /// The open major hazards of the subtree — all, overdue, due within 7 days, supervised — in total and per
    /// child node, in one statement over the covering partial index of open major hazards (a rollup on the
    /// scope column of the children's depth). Runs under the caller's scope (row security).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The SQL is composed from code constants (the metric and matrix definitions, quoted identifiers); every value is a parameter.")]
    private static async Task<(Counts Total, Dictionary<string, Counts> Children)> CountsAsync(AppDbContext db, string path, int childDepth, DateOnly today, CancellationToken ct)
    {
        var child = childDepth switch
        {
            2 => "h.province_code",
            3 => "h.prefecture_code",
            4 => "h.county_code",
            5 => "h.township_code",
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
        command.Parameters.Add(new Npgsql.NpgsqlParameter("code", NpgsqlTypes.NpgsqlDbType.Text) { Value = JurisdictionPath.Code(path) });
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
