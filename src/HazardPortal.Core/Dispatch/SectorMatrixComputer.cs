using HazardPortal.Core.Data;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace HazardPortal.Core.Dispatch;

/// <summary>
/// Computes 003 附件2's matrix for a subject (a subtree, or a department's own records) over
/// [start, asOf] — 今年以来, so start is 1 January — in one set-based statement: every counted record
/// becomes one fact with the rows it belongs to (<see cref="SectorMatrix.RowsSql"/>), the facts are
/// unnested into their rows plus 累计总计 (every fact once) and 本月总计 (facts of the month to the
/// as-of day), and each column is a FILTERed aggregate. Runs under the caller's scope (filter + RLS).
/// <para>Column definitions:
/// 排查重大风险 = risks registered in the window, 已落实“4个清单” = of those, all four lists done;
/// 发现重大隐患 = major hazards (not drafts, not voided) found in the window, 落实治理措施 = of those, with
/// the 五落实 plan complete, 即查即改, or rectified; 挂牌督办治理 = of those, tagged by the as-of day;
/// 已完成治理 = of those, rectified as of the as-of day (event history, SPEC §4);
/// 梳理突出问题 = prominent problems registered in the window, 落实治本措施 / 已整改 (by the as-of day) of those;
/// 检查服务企业单位 = distinct enterprises or places inspected or served (fully signed, current inspections
/// other than an enterprise's own head-led ones); 行政处罚 = penalty decisions (incl. 一案双罚), 罚款 their
/// amounts; 责令停产整顿 / 暂扣吊销证照 / 关闭取缔 / 约谈警示 / 联合惩戒 = distinct enterprises with such a measure;
/// 移送司法机关 = persons referred, 行刑衔接 = referral cases.
/// Rows: the subject's sector and tags (an enterprise's park and 事故易发多发 flag, a place's park flag and
/// installed capacity); 老旧装置 / 高危装置 are tags of hazards and risks only.</para>
/// </summary>
public static class SectorMatrixComputer
{
    /// <summary>Each computed column: which facts it takes and how it aggregates them (the drill-down lists the same facts).</summary>
    private static readonly (string Code, string Filter, string Aggregate)[] Definitions =
    [
        ("risks", "fam = 'risk'", "count(*)"),
        ("risks_controlled", "fam = 'risk' AND f1", "count(*)"),
        ("hazards", "fam = 'hazard'", "count(*)"),
        ("hazards_measures", "fam = 'hazard' AND f1", "count(*)"),
        ("hazards_supervised", "fam = 'hazard' AND f2", "count(*)"),
        ("hazards_rectified", "fam = 'hazard' AND f3", "count(*)"),
        ("problems", "fam = 'problem'", "count(*)"),
        ("problems_rootcause", "fam = 'problem' AND f1", "count(*)"),
        ("problems_rectified", "fam = 'problem' AND f2", "count(*)"),
        ("enterprises_served", "fam = 'inspection'", "count(DISTINCT subj)"),
        ("penalties", "fam = 'enforcement' AND kind IN ('Penalty', 'DualPenalty')", "count(*)"),
        ("suspensions", "fam = 'enforcement' AND kind = 'Suspension'", "count(DISTINCT subj)"),
        ("licence_suspensions", "fam = 'enforcement' AND kind = 'LicenceSuspension'", "count(DISTINCT subj)"),
        ("closures", "fam = 'enforcement' AND kind = 'Closure'", "count(DISTINCT subj)"),
        ("fines", "fam = 'enforcement' AND kind IN ('Penalty', 'DualPenalty')", "sum(amount)"),
        ("referral_persons", "fam = 'enforcement' AND kind = 'JudicialReferral'", "sum(amount)"),
        ("interviews", "fam = 'enforcement' AND kind = 'Interview'", "count(DISTINCT subj)"),
        ("joint_punishments", "fam = 'enforcement' AND kind = 'JointPunishment'", "count(DISTINCT subj)"),
        ("referral_cases", "fam = 'enforcement' AND kind = 'JudicialReferral'", "count(*)"),
    ];

    private static string Aggregates =>
        "SELECT row, " + string.Join(", ", Definitions.Select(d => $"coalesce({d.Aggregate} FILTER (WHERE {d.Filter}), 0) AS {d.Code}")) + " FROM tagged GROUP BY row";

    private static string Facts(MetricSubject subject)
    {
        string Where(string alias, string unitColumn) =>
            MetricComputer.SubtreeSql(alias, subject.Path) + (subject.OwnUnitId is null ? string.Empty : $" AND {alias}.{unitColumn} = @unit");

        // The subject's sector and tags; the record's own sector where it has one.
        string Rows(string sector, string aging, string highRisk) => SectorMatrix.RowsSql(
            sector, "(coalesce(k.is_park, false) OR coalesce(p.is_park, false))", "p.capacity_kw", aging, highRisk, "coalesce(e.accident_prone, false)");
        const string Subject = """
            LEFT JOIN enterprises e ON e.id = x.enterprise_id
            LEFT JOIN places k ON k.id = e.park_id
            LEFT JOIN places p ON p.id = x.place_id
            """;
        var rectified = MetricComputer.RectifiedAsOfSql.Replace("h.", "x.", StringComparison.Ordinal);

        return $"""
            WITH facts AS (
                SELECT 'hazard' AS fam, x.id, x.title::text AS title, x.enterprise_id, x.place_id, x.found_on AS day, NULL::text AS subj, NULL::text AS kind,
                       (x.immediate OR (coalesce(btrim(x.plan_responsible_person), '') <> '' AND coalesce(btrim(x.plan_measures), '') <> '' AND x.plan_funds >= 0
                            AND x.plan_deadline IS NOT NULL AND coalesce(btrim(x.plan_emergency_plan), '') <> '') OR {rectified}) AS f1,
                       (x.supervision_tagged_on IS NOT NULL AND x.supervision_tagged_on <= @d) AS f2,
                       {rectified} AS f3,
                       0::numeric AS amount, {Rows("x.sector_code", "x.aging_equipment", "x.high_risk_equipment")} AS rows
                FROM hazards x {Subject}
                WHERE x.grade = 'Major' AND x.status NOT IN ('Draft', 'Voided') AND x.found_on BETWEEN @s AND @d AND {Where("x", "registered_by_unit_id")}
                UNION ALL
                SELECT 'risk', x.id, x.name, x.enterprise_id, x.place_id, x."on", NULL, NULL, (x.basic_list AND x.control_list AND x.responsibility_list AND x.emergency_list), false, false,
                       0, {Rows("x.sector_code", "x.aging_equipment", "x.high_risk_equipment")}
                FROM risks x {Subject}
                WHERE x."on" BETWEEN @s AND @d AND {Where("x", "recorded_by_unit_id")}
                UNION ALL
                SELECT 'problem', x.id, x.title, x.enterprise_id, x.place_id, x."on", NULL, NULL, x.root_cause_measure, (x.rectified_on IS NOT NULL AND x.rectified_on <= @d), false,
                       0, {Rows("x.sector_code", "false", "false")}
                FROM prominent_problems x {Subject}
                WHERE x."on" BETWEEN @s AND @d AND {Where("x", "recorded_by_unit_id")}
                UNION ALL
                SELECT 'inspection', x.id, coalesce(e.name, p.name, ''), x.enterprise_id, x.place_id, x."on", coalesce(x.enterprise_id, x.place_id)::text, x.kind, false, false, false,
                       0, {Rows("coalesce(e.sector_code, p.sector_code, '')", "false", "false")}
                FROM inspections x {Subject}
                WHERE x.kind <> 'HeadLed' AND x.frozen_at IS NOT NULL AND x.superseded_by_id IS NULL AND (x.enterprise_id IS NOT NULL OR x.place_id IS NOT NULL)
                  AND x."on" BETWEEN @s AND @d AND {Where("x", "recorded_by_unit_id")}
                UNION ALL
                SELECT 'enforcement', x.id, coalesce(e.name, p.name, '') || coalesce(' ' || x.document_number, ''), x.enterprise_id, x.place_id, x."on", coalesce(x.enterprise_id, x.place_id)::text, x.kind, false, false, false,
                       CASE WHEN x.kind IN ('Penalty', 'DualPenalty') THEN coalesce(x.amount_wan, 0) WHEN x.kind = 'JudicialReferral' THEN coalesce(x.persons, 0) ELSE 0 END,
                       {Rows("coalesce(e.sector_code, p.sector_code, '')", "false", "false")}
                FROM enforcement_actions x {Subject}
                WHERE x."on" BETWEEN @s AND @d AND {Where("x", "recorded_by_unit_id")}),
            tagged AS (
                SELECT '{SectorMatrix.Total}' AS row, f.* FROM facts f
                UNION ALL SELECT '{SectorMatrix.Month}', f.* FROM facts f WHERE f.day >= @m
                UNION ALL SELECT r, f.* FROM facts f, unnest(f.rows) r)
            """;
    }

    /// <summary>
    /// The records behind a computed cell: the facts of its row that its column takes (for a 家 column, the
    /// inspections or measures whose distinct subjects it counts). Null when the key is not a computed cell.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The SQL is composed from code constants (the metric and matrix definitions, quoted identifiers); every value is a parameter.")]
    public static async Task<List<MetricRecord>?> RecordsAsync(AppDbContext db, MetricSubject subject, DateOnly start, DateOnly asOf, DateOnly monthStart, string key, CancellationToken ct = default)
    {
        if (!SectorMatrix.TryParse(key, out var row, out var column))
        {
            return null;
        }

        var definition = Definitions.FirstOrDefault(d => d.Code == column.Code);
        if (definition.Code is null)
        {
            return null;
        }

        var records = new List<MetricRecord>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = Facts(subject) + $"SELECT fam, id, enterprise_id, place_id, day, title, amount FROM tagged WHERE row = @row AND {definition.Filter} ORDER BY day, id";
            Parameters(command, subject, start, asOf, monthStart);
            command.Parameters.Add(new NpgsqlParameter("row", NpgsqlDbType.Text) { Value = row.Code });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var enterprise = await reader.IsDBNullAsync(2, ct) ? (Guid?)null : reader.GetGuid(2);
                var place = await reader.IsDBNullAsync(3, ct) ? (Guid?)null : reader.GetGuid(3);
                records.Add(new MetricRecord(
                    reader.GetString(0), reader.GetGuid(1), enterprise, place,
                    DateOnly.FromDateTime(reader.GetDateTime(4)), reader.GetString(5), column.Kind == MatrixColumnKind.Sum ? reader.GetDecimal(6) : null));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return records;
    }

    private static void Parameters(System.Data.Common.DbCommand command, MetricSubject subject, DateOnly start, DateOnly asOf, DateOnly monthStart)
    {
        command.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Date) { Value = start });
        command.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Date) { Value = asOf });
        command.Parameters.Add(new NpgsqlParameter("m", NpgsqlDbType.Date) { Value = monthStart < start ? start : monthStart });
        command.Parameters.Add(new NpgsqlParameter("code", NpgsqlDbType.Text) { Value = JurisdictionPath.Code(subject.Path) });
        command.Parameters.Add(new NpgsqlParameter("path", NpgsqlDbType.LTree) { Value = subject.Path });
        command.Parameters.Add(new NpgsqlParameter("unit", NpgsqlDbType.Uuid) { Value = subject.OwnUnitId is { } own ? own : DBNull.Value });
    }

    /// <summary>The computed cells (<c>row:column</c>) of the matrix; rows without records are 0, manual and rate columns are absent.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The SQL is composed from code constants (the metric and matrix definitions, quoted identifiers); every value is a parameter.")]
    public static async Task<Dictionary<string, decimal>> ComputeAsync(AppDbContext db, MetricSubject subject, DateOnly start, DateOnly asOf, DateOnly monthStart, CancellationToken ct = default)
    {
        var computed = SectorMatrix.Columns.Where(c => c.Kind is not MatrixColumnKind.Manual and not MatrixColumnKind.Rate).ToList();
        var values = SectorMatrix.Rows.SelectMany(r => computed.Select(c => SectorMatrix.Key(r.Code, c.Code))).ToDictionary(k => k, _ => 0m);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = Facts(subject) + Aggregates;
            Parameters(command, subject, start, asOf, monthStart);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var ordinals = computed.Select(c => reader.GetOrdinal(c.Code)).ToList();
            while (await reader.ReadAsync(ct))
            {
                var row = reader.GetString(0);
                for (var i = 0; i < computed.Count; i++)
                {
                    values[SectorMatrix.Key(row, computed[i].Code)] = Convert.ToDecimal(reader.GetValue(ordinals[i]), System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return values;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
