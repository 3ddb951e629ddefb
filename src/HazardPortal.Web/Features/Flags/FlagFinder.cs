using System.Data.Common;
using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Flags;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using HazardPortal.Core.Tenancy;
using HazardPortal.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace HazardPortal.Web.Features.Flags;

/// <summary>
/// The under-reporting and repeat flags of a jurisdiction as of a day (issue #6), computed when asked —
/// like the dashboard, from the records themselves under the caller's scope, so a flag appears the day its
/// evidence does and disappears once it is answered (a self-found hazard, an after-photo). Each rule reads a
/// superset of candidates in one statement; <see cref="FlagRules"/> decides, with the thresholds in force at
/// the candidate's own jurisdiction (<see cref="FlagSettings"/>). Every flag carries links to its evidence.
/// </summary>
public sealed class FlagFinder(PortalDb portalDb, DispatchReference reference, FlagSettings settings, ReadReplica reads, TimeProvider clock)
{
    /// <summary>Flags are found for a prefecture (depth 3) or below: a national or provincial list of enterprises is neither fast nor of use.</summary>
    public const int MinDepth = 3;

    /// <summary>At most this many candidates are read per rule; a larger scope is told to narrow down.</summary>
    public const int CandidateLimit = 2000;

    public sealed record Evidence(string Label, string? Link);

    public sealed record FlagDto(
        FlagRule Rule, string RuleName, string Subject, string? SubjectLink, string JurisdictionCode, string JurisdictionName, DateOnly Day, string Summary,
        IReadOnlyList<Evidence> Evidence);

    public sealed record RuleCount(FlagRule Rule, string Name, string Description, bool Enabled, int Count, bool Capped);

    /// <summary>A jurisdiction's flags, with the moment the data read is current to and whether it was read on the standby.</summary>
    public sealed record FlagsDto(string Unit, string Name, DateOnly AsOf, IReadOnlyList<RuleCount> Rules, IReadOnlyList<FlagDto> Flags, DateTimeOffset DataAsOf, bool FromStandby);

    /// <param name="fresh">Read on the primary even when a standby is near enough (right after the caller changed a setting).</param>
    public async Task<Result<FlagsDto>> FindAsync(string? unit, DateOnly? asOf, FlagRule? only = null, bool fresh = false, CancellationToken ct = default)
    {
        var scope = portalDb.Scope;
        if (scope.EnterpriseId is not null || scope.Path is null || !scope.SeesBusinessRows)
        {
            return Error.Forbidden("线索预警仅对监管部门、乡镇和安委办开放");
        }

        var code = Nodes.CodeOr(scope, unit);
        var campaign = (await reference.GetAsync(portalDb, ct)).Campaigns[Campaign.Default];
        var day = asOf ?? campaign.AsOfDefault(ChinaTime.Today(clock));
        if (RecordDates.Check(day, "asOf", "统计日期") is { } outside)
        {
            return outside; // a day the records cannot have (0001-01-01, 9999-12-31) is refused, not computed
        }

        // Read-only and heavy: on the standby when it is near enough (ReadReplica), and the page says how current it is;
        // on the primary again if the standby goes away during the reads.
        return await reads.ReadAsync(scope, (db, dataAsOf, fromStandby) => FindAsync(db, dataAsOf, fromStandby, code, day, campaign, only, ct), primaryOnly: fresh, ct: ct);
    }

    private async Task<Result<FlagsDto>> FindAsync(AppDbContext db, DateTimeOffset dataAsOf, bool fromStandby, string code, DateOnly day, Campaign campaign, FlagRule? only, CancellationToken ct)
    {
        var node = await Nodes.FindAsync(db, code, ct);
        if (node is null)
        {
            return Error.NotFound("地区");
        }

        var path = node.Path;
        if (JurisdictionPath.Depth(path) < MinDepth)
        {
            return Error.Invalid("unit", "线索预警按地市、区县查看：请选择一个地市或区县（全国、省级范围的企业过多，逐一核查无从下手）");
        }

        var rules = await settings.OnPathAndBelowAsync(db, path, ct);
        var found = new List<FlagDto>();
        var counts = new List<RuleCount>();
        foreach (var info in FlagRules.Catalogue.Where(i => only is null || i.Rule == only))
        {
            var own = FlagRules.Resolve(info.Rule, path, rules);
            var anyEnabled = own.Enabled || rules.Any(r => r.Rule == info.Rule && r.Enabled);
            var (flags, capped) = anyEnabled ? await FindAsync(db, info.Rule, path, day, campaign, rules, ct) : ([], false);
            found.AddRange(flags);
            counts.Add(new RuleCount(info.Rule, info.Name, FlagRules.Describe(own), own.Enabled, flags.Count, capped));
        }

        var names = await db.Jurisdictions.AsNoTracking().Where(j => found.Select(f => f.JurisdictionCode).Distinct().Contains(j.Code)).ToDictionaryAsync(j => j.Code, j => j.Name, ct);
        var named = found.Select(f => f with { JurisdictionName = names.GetValueOrDefault(f.JurisdictionCode, f.JurisdictionCode) })
            .OrderBy(f => f.Rule).ThenByDescending(f => f.Day).ThenBy(f => f.Subject, StringComparer.Ordinal).ToList();
        return new FlagsDto(node.Code, node.Name, day, counts, named, dataAsOf, fromStandby);
    }

    private Task<(List<FlagDto> Flags, bool Capped)> FindAsync(AppDbContext db, FlagRule rule, string path, DateOnly day, Campaign campaign, IReadOnlyList<FlagSetting> rules, CancellationToken ct) =>
        rule switch
        {
            FlagRule.SilentWhileDepartmentsFind or FlagRule.HighRiskSilent => SilentAsync(db, rule, path, day, rules, ct),
            FlagRule.RepeatAfterVerification => RepeatAsync(db, path, day, rules, ct),
            FlagRule.OverrideDrift => DriftAsync(db, path, day, campaign, rules, ct),
            FlagRule.RectifiedWithoutPhotos => PhotosAsync(db, path, day, campaign, rules, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };

    /// <summary>The longest window any setting in the subtree asks for (the candidates' superset).</summary>
    private static int LongestMonths(FlagRule rule, string path, IReadOnlyList<FlagSetting> rules) =>
        (int)rules.Where(r => r.Rule == rule).Select(r => r.Value).Append(FlagRules.Resolve(rule, path, rules).Value).Max();

    private const string Counted = "h.grade = 'Major' AND h.status NOT IN ('Draft', 'Voided')";

    /// <summary>企业自查零上报 (with or without departments' finds): each enterprise's last self-found day and the departments' finds of the window.</summary>
    private static async Task<(List<FlagDto>, bool)> SilentAsync(AppDbContext db, FlagRule rule, string path, DateOnly day, IReadOnlyList<FlagSetting> rules, CancellationToken ct)
    {
        var months = LongestMonths(rule, path, rules);
        var highRisk = rule == FlagRule.HighRiskSilent;
        var sql = $"""
            SELECT e.id, e.name, e.path::text, e.jurisdiction_code, e.high_risk,
                   (SELECT max(h.found_on) FROM hazards h WHERE h.enterprise_id = e.id AND h.source = 'SelfInspection' AND {Counted} AND h.found_on <= @day) AS last_self,
                   (SELECT h.id FROM hazards h WHERE h.enterprise_id = e.id AND h.source = 'SelfInspection' AND {Counted} AND h.found_on <= @day ORDER BY h.found_on DESC LIMIT 1) AS last_self_id,
                   d.ids, d.days, d.titles
            FROM enterprises e
            LEFT JOIN LATERAL (
                SELECT array_agg(h.id ORDER BY h.found_on) AS ids, array_agg(h.found_on ORDER BY h.found_on) AS days, array_agg(h.title ORDER BY h.found_on) AS titles
                FROM hazards h WHERE h.enterprise_id = e.id AND h.source <> 'SelfInspection' AND {Counted} AND h.found_on >= @from AND h.found_on <= @day) d ON true
            WHERE NOT e.disabled AND e.path <@ @path AND {(highRisk ? "e.high_risk" : "d.ids IS NOT NULL")}
            ORDER BY e.name
            LIMIT {CandidateLimit + 1}
            """;
        var flags = new List<FlagDto>();
        var n = 0;
        await using var reader = await ReadAsync(db, sql, ct, ("day", day), ("from", FlagRules.WindowStart(day, months)), ("path", path));
        while (await reader.ReadAsync(ct) && ++n <= CandidateLimit)
        {
            var (id, name, at, code, high) = (reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4));
            DateOnly? lastSelf = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5);
            Guid? lastSelfId = reader.IsDBNull(6) ? null : reader.GetGuid(6);
            var ids = reader.IsDBNull(7) ? [] : reader.GetFieldValue<Guid[]>(7);
            var days = reader.IsDBNull(8) ? [] : reader.GetFieldValue<DateOnly[]>(8);
            var titles = reader.IsDBNull(9) ? [] : reader.GetFieldValue<string[]>(9);
            var t = FlagRules.Resolve(rule, at, rules);
            var hit = t.Enabled && (highRisk ? FlagRules.HighRiskSilent(high, lastSelf, day, t.Whole) : FlagRules.Silent(lastSelf, days, day, t.Whole));
            if (!hit)
            {
                continue;
            }

            var start = FlagRules.WindowStart(day, t.Whole);
            var evidence = new List<Evidence>
            {
                lastSelfId is { } s
                    ? new Evidence($"最近一次企业自查上报重大事故隐患：{lastSelf:yyyy-MM-dd}", $"/hazards/{s}")
                    : new Evidence("截至统计日没有企业自查上报的重大事故隐患", $"/hazards?enterprise={id}"),
            };
            var inWindow = Enumerable.Range(0, ids.Length).Where(i => days[i] >= start).ToList();
            evidence.AddRange(inWindow.Select(i => new Evidence($"{days[i]:yyyy-MM-dd} 部门检查发现：{titles[i]}", $"/hazards/{ids[i]}")));
            var summary = highRisk
                ? $"高危企业自 {start:yyyy-MM-dd} 起连续{t.Whole}个月未自查上报重大事故隐患"
                : $"自 {start:yyyy-MM-dd} 起连续{t.Whole}个月未自查上报重大事故隐患，同期部门检查发现 {inWindow.Count} 个";
            flags.Add(new FlagDto(rule, FlagRules.Info(rule).Name, name, $"/hazards?enterprise={id}", code, code, day, summary, evidence));
        }

        return (flags, n > CandidateLimit);
    }

    /// <summary>屡查屡犯: pairs of one enterprise's hazards with the same sector and basis clause, the later found after the earlier's verification.</summary>
    private static async Task<(List<FlagDto>, bool)> RepeatAsync(AppDbContext db, string path, DateOnly day, IReadOnlyList<FlagSetting> rules, CancellationToken ct)
    {
        var months = LongestMonths(FlagRule.RepeatAfterVerification, path, rules);
        var sql = $"""
            SELECT b.id, b.title, b.found_on, b.path::text, b.jurisdiction_code, a.id, a.title, a.verified_on, e.id, e.name,
                   coalesce(se.name, a.sector_code), coalesce(st.title, a.basis_standard_code), a.basis_clause
            FROM hazards a
            JOIN hazards b ON b.enterprise_id = a.enterprise_id AND b.sector_code = a.sector_code AND b.basis_clause = a.basis_clause
                          AND b.basis_standard_code IS NOT DISTINCT FROM a.basis_standard_code AND b.id <> a.id
            JOIN enterprises e ON e.id = a.enterprise_id
            LEFT JOIN sectors se ON se.code = a.sector_code
            LEFT JOIN standards st ON st.code = a.basis_standard_code
            WHERE a.enterprise_id IS NOT NULL AND a.status = 'Verified' AND a.verified_on IS NOT NULL AND coalesce(a.basis_clause, '') <> ''
              AND a.path <@ @path AND b.status NOT IN ('Draft', 'Voided')
              AND b.found_on > a.verified_on AND b.found_on <= @day AND b.found_on <= a.verified_on + make_interval(months => @months)
            ORDER BY b.found_on DESC
            LIMIT {CandidateLimit + 1}
            """;
        var flags = new List<FlagDto>();
        var n = 0;
        await using var reader = await ReadAsync(db, sql, ct, ("day", day), ("months", months), ("path", path));
        while (await reader.ReadAsync(ct) && ++n <= CandidateLimit)
        {
            var (laterId, laterTitle, foundOn, at, code) = (reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3), reader.GetString(4));
            var (earlierId, earlierTitle, verifiedOn) = (reader.GetGuid(5), reader.GetString(6), reader.GetFieldValue<DateOnly>(7));
            var (enterpriseId, name, sector) = (reader.GetGuid(8), reader.GetString(9), reader.GetString(10));
            var basis = $"{(reader.IsDBNull(11) ? string.Empty : reader.GetString(11) + " ")}{reader.GetString(12)}";
            var t = FlagRules.Resolve(FlagRule.RepeatAfterVerification, at, rules);
            if (!t.Enabled || !FlagRules.Repeat(verifiedOn, foundOn, day, t.Whole))
            {
                continue;
            }

            flags.Add(new FlagDto(
                FlagRule.RepeatAfterVerification, FlagRules.Info(FlagRule.RepeatAfterVerification).Name, name, $"/hazards?enterprise={enterpriseId}", code, code, foundOn,
                $"同一判定依据（{basis}，{sector}行业）的隐患在 {verifiedOn:yyyy-MM-dd} 验收销号后 {foundOn.DayNumber - verifiedOn.DayNumber} 天再次发现",
                [new Evidence($"{verifiedOn:yyyy-MM-dd} 验收销号：{earlierTitle}", $"/hazards/{earlierId}"), new Evidence($"{foundOn:yyyy-MM-dd} 再次发现：{laterTitle}", $"/hazards/{laterId}")]));
        }

        return (flags, n > CandidateLimit);
    }

    /// <summary>调度表偏差: the current submission of each form to the day, cell by cell where the filler overrode the computed value.</summary>
    private async Task<(List<FlagDto>, bool)> DriftAsync(AppDbContext db, string path, DateOnly day, Campaign campaign, IReadOnlyList<FlagSetting> rules, CancellationToken ct)
    {
        var known = await reference.GetAsync(portalDb, ct);
        var subtree = new LTree(path);
        var rows = await db.DispatchForms.AsNoTracking()
            .Where(f => f.Path.IsDescendantOf(subtree) && (f.Status == FormStatus.Submitted || f.Status == FormStatus.Accepted) && f.AsOf <= day && f.AsOf >= campaign.StartsOn)
            .Join(db.FormSubmissions.AsNoTracking(), f => new { f.Id, f.Revision }, s => new { Id = s.FormId, s.Revision }, (f, s) => new { f.Id, f.TemplateCode, f.UnitName, f.JurisdictionCode, Path = f.Path, f.Period, f.CutoffDay, f.AsOf, s.Cells })
            .OrderByDescending(f => f.AsOf).Take(CandidateLimit + 1)
            .ToListAsync(ct);
        var flags = new List<FlagDto>();
        foreach (var f in rows.Take(CandidateLimit))
        {
            var t = FlagRules.Resolve(FlagRule.OverrideDrift, f.Path.ToString(), rules);
            if (!t.Enabled || !known.Templates.TryGetValue(f.TemplateCode, out var template))
            {
                continue;
            }

            var cells = template.Cells().Where(c => !c.Cell.Manual).ToDictionary(c => c.Cell.Key, c => $"{c.Section.Name}·{c.Item.Label}");
            var drifting = f.Cells
                .Where(c => c.OverrideReason is not null && cells.ContainsKey(c.Key) && FlagRules.Drift(c.Computed, c.Value, t.Value, t.Items ?? 0))
                .ToList();
            if (drifting.Count == 0)
            {
                continue;
            }

            var link = $"/dispatch/forms/{f.Id}";
            flags.Add(new FlagDto(
                FlagRule.OverrideDrift, FlagRules.Info(FlagRule.OverrideDrift).Name, $"{f.UnitName} · {template.Name} {f.Period}（{f.CutoffDay}日）", link, f.JurisdictionCode, f.JurisdictionCode, f.AsOf,
                $"{drifting.Count} 项填报值与系统计算值相差超过{t.Value:0.##}%或{t.Items ?? 0:0.##}个",
                drifting.Select(c => new Evidence($"{cells[c.Key]}：系统计算 {FormChecks.Format(c.Computed)}，填报 {FormChecks.Format(c.Value)}（理由：{c.OverrideReason}）", link)).ToList()));
        }

        return (flags, rows.Count > CandidateLimit);
    }

    /// <summary>已整改无整改后照片: rectified major hazards of the campaign with no after-photo.</summary>
    private static async Task<(List<FlagDto>, bool)> PhotosAsync(AppDbContext db, string path, DateOnly day, Campaign campaign, IReadOnlyList<FlagSetting> rules, CancellationToken ct)
    {
        var sql = $"""
            SELECT h.id, h.title, h.rectified_on, h.path::text, h.jurisdiction_code, coalesce(e.name, p.name, ''), h.enterprise_id
            FROM hazards h
            LEFT JOIN enterprises e ON e.id = h.enterprise_id
            LEFT JOIN places p ON p.id = h.place_id
            WHERE h.grade = 'Major' AND h.status IN ('Rectified', 'Verified') AND h.rectified_on IS NOT NULL
              AND h.rectified_on >= @start AND h.rectified_on <= @day AND {MetricComputer.SubtreeSql("h", path)}
              AND NOT EXISTS (SELECT 1 FROM hazard_photos ph WHERE ph.hazard_id = h.id AND ph.stage = 'After')
            ORDER BY h.rectified_on DESC
            LIMIT {CandidateLimit + 1}
            """;
        var flags = new List<FlagDto>();
        var n = 0;
        await using var reader = await ReadAsync(db, sql, ct, ("day", day), ("start", campaign.StartsOn), ("path", path), ("code", JurisdictionPath.Code(path)));
        while (await reader.ReadAsync(ct) && ++n <= CandidateLimit)
        {
            var (id, title, rectifiedOn, at, code, subject) = (reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3), reader.GetString(4), reader.GetString(5));
            Guid? enterprise = reader.IsDBNull(6) ? null : reader.GetGuid(6);
            var t = FlagRules.Resolve(FlagRule.RectifiedWithoutPhotos, at, rules);
            if (!t.Enabled || !FlagRules.MissingPhotos(rectifiedOn, false, day, t.Whole))
            {
                continue;
            }

            flags.Add(new FlagDto(
                FlagRule.RectifiedWithoutPhotos, FlagRules.Info(FlagRule.RectifiedWithoutPhotos).Name, subject, enterprise is { } e ? $"/hazards?enterprise={e}" : null, code, code, rectifiedOn,
                $"{rectifiedOn:yyyy-MM-dd} 整改完成，没有整改后照片", [new Evidence($"{title}（整改完成 {rectifiedOn:yyyy-MM-dd}）", $"/hazards/{id}")]));
        }

        return (flags, n > CandidateLimit);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The SQL is composed from code constants (the metric and matrix definitions, quoted identifiers); every value is a parameter.")]
    private static async Task<DbDataReader> ReadAsync(AppDbContext db, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        var command = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(name == "path" ? new NpgsqlParameter(name, NpgsqlDbType.LTree) { Value = value } : new NpgsqlParameter(name, value));
        }

        return await command.ExecuteReaderAsync(ct);
    }
}
