using System.Data.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace HazardPortal.Core.Dispatch;

/// <summary>Whose records a form counts: a subtree (a government's form) or one unit's own records (a department's form).</summary>
public sealed record MetricSubject(string Path, Guid? OwnUnitId = null)
{
    public static MetricSubject Subtree(string path) => new(path);

    public static MetricSubject Department(string path, Guid unitId) => new(path, unitId);
}

/// <summary>
/// Computes every metric of the catalogue for a subject and a window [start, asOf] in the database,
/// set-based: one statement with one aggregate per record family, never loading rows into memory.
/// Runs on the caller's context, so the tenant rule (filter and RLS) applies to every row it counts.
/// Definitions (SPEC §6): only major hazards, never drafts or voided; self = source 企业自查, dept =
/// every other source; found = found on a day in the window; rectified = of those, rectified as of the
/// as-of day by the event history; supervised = tagged on a day in the window, whatever its source.
/// Inspections count when fully signed and not superseded. Records count when their day is in the window;
/// facts take each node's latest on or before the as-of day.
/// </summary>
public static class MetricComputer
{
    private static readonly System.Text.CompositeFormat AggregateQuery = System.Text.CompositeFormat.Parse(MetricAggregates.Query);

    /// <summary>
    /// "Rectified as of @d": a rectify event on or before @d with no failed verification after it by @d
    /// (SPEC §4). A hazard whose verification never failed was rectified once, on <c>rectified_on</c>, so the
    /// columns answer (index-only); the event history is read only for the few that failed.
    /// </summary>
    public const string RectifiedAsOfSql = """
        ((NOT h.verification_failed AND h.rectified_on <= @d)
         OR (h.verification_failed AND EXISTS (SELECT 1 FROM hazard_events r WHERE r.hazard_id = h.id AND r.kind = 'Rectified' AND r."on" <= @d
                AND NOT EXISTS (SELECT 1 FROM hazard_events f WHERE f.hazard_id = h.id AND f.kind = 'VerificationFailed' AND f."on" <= @d AND f.sequence > r.sequence))))
        """;

    /// <summary>The subtree condition on a table alias, as an equality on the scope column of the path's depth where there is one.</summary>
    public static string SubtreeSql(string alias, string path)
    {
        var depth = JurisdictionPath.Depth(path);
        return depth switch
        {
            1 => "TRUE",
            2 => $"{alias}.province_code = @code",
            3 => $"{alias}.prefecture_code = @code",
            4 => $"{alias}.county_code = @code",
            5 => $"{alias}.township_code = @code",
            _ => $"{alias}.path <@ @path",
        };
    }

    /// <summary>Each family's rows: the table, its alias, the unit column of a department's own records, and its conditions.</summary>
    private static readonly IReadOnlyList<(MetricFamily Family, string Cte, string From, string Alias, string UnitColumn, string Where)> Families =
    [
        (MetricFamily.Hazards, "hz", "hazards h", "h", "registered_by_unit_id",
            "h.grade = 'Major' AND h.status NOT IN ('Draft', 'Voided') AND (h.found_on BETWEEN @s AND @d OR h.supervision_tagged_on BETWEEN @s AND @d)"),
        (MetricFamily.Inspections, "ins", "inspections i", "i", "recorded_by_unit_id",
            "i.kind IN ('SpotCheck', 'Assistance') AND i.frozen_at IS NOT NULL AND i.superseded_by_id IS NULL AND i.\"on\" BETWEEN @s AND @d"),
        (MetricFamily.Enforcement, "ea", "enforcement_actions a", "a", "recorded_by_unit_id", "a.\"on\" BETWEEN @s AND @d"),
        (MetricFamily.Leadership, "la", "leadership_activities l", "l", "recorded_by_unit_id", "l.\"on\" BETWEEN @s AND @d"),
        (MetricFamily.Rewards, "rw", "rewards w", "w", "recorded_by_unit_id", "w.\"on\" BETWEEN @s AND @d"),
    ];

    /// <summary>The catalogue's metrics that the statement computes (every metric with a family).</summary>
    private static readonly Metric[] Computed = [.. Metrics.All.Where(m => m.Family is not null)];

    /// <summary>
    /// One statement from the catalogue: per family one aggregate over its table, each metric selected under its own
    /// key (<see cref="Metric.Sql"/>); the facts take each node's latest on or before the as-of day.
    /// </summary>
    private static string Sql(MetricSubject subject)
    {
        string Where(string alias, string unitColumn) =>
            SubtreeSql(alias, subject.Path) + (subject.OwnUnitId is null ? string.Empty : $" AND {alias}.{unitColumn} = @unit");

        static string Select(MetricFamily family) =>
            string.Join(",\n        ", Computed.Where(m => m.Family == family).Select(m => $"{m.Sql} AS \"{m.Key}\""));

        var ctes = Families.Select(f => $"{f.Cte} AS (\n    SELECT\n        {Select(f.Family)}\n    FROM {f.From}\n    WHERE {f.Where} AND {Where(f.Alias, f.UnitColumn)})").ToList();
        ctes.Add($"""
            jf AS (
                SELECT
                    {Select(MetricFamily.Facts)}
                FROM (SELECT DISTINCT ON (f.jurisdiction_code) f.media_column, f.technical_inspectors
                      FROM jurisdiction_facts f
                      WHERE f."on" <= @d AND {Where("f", "recorded_by_unit_id")}
                      ORDER BY f.jurisdiction_code, f."on" DESC) x)
            """);
        return $"WITH\n{string.Join(",\n", ctes)}\nSELECT {string.Join(", ", Families.Select(f => f.Cte + ".*"))}, jf.* FROM {string.Join(", ", Families.Select(f => f.Cte))}, jf";
    }

    /// <summary>A metric's value as the statement returns it, read by name; a type the catalogue does not produce is an error.</summary>
    private static decimal Value(string key, object value) => value switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        int n => n,
        decimal m => m,
        _ => throw new InvalidOperationException($"Metric {key}: unexpected value of type {value.GetType().Name}"),
    };

    /// <summary>
    /// Every metric for the subject over [start, asOf]. A government form at depth 1–4 (全国, 省, 市, 县)
    /// reads the maintained aggregates (<see cref="MetricAggregates"/>) when the window starts on an epoch
    /// (one round trip that also says whether it does); everything else is one set-based statement over
    /// the records. <paramref name="aggregates"/> false forces the statement (tests compare the two).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The SQL is composed from code constants (the metric and matrix definitions, quoted identifiers); every value is a parameter.")]
    public static async Task<Dictionary<string, decimal>> ComputeAsync(AppDbContext db, MetricSubject subject, DateOnly start, DateOnly asOf, bool aggregates = true, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var depth = JurisdictionPath.Depth(subject.Path);
            if (aggregates && subject.OwnUnitId is null && depth <= MetricAggregates.MaxDepth
                && await FromAggregatesAsync(db, subject, start, asOf, ct) is { } summed)
            {
                return summed;
            }

            // The statement's plan does not depend on the values (every condition is an index range), so
            // it is planned once per connection: a custom plan costs more to make than to run.
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT set_config('plan_cache_mode', 'force_generic_plan', false);\n{Sql(subject)};\nSELECT set_config('plan_cache_mode', 'auto', false)";
            Parameters(command, subject, start, asOf);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            var values = new Dictionary<string, decimal>(Computed.Length);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values.Add(reader.GetName(i), Value(reader.GetName(i), reader.GetValue(i)));
            }

            if (Computed.FirstOrDefault(m => !values.ContainsKey(m.Key)) is { } missing)
            {
                throw new InvalidOperationException($"Metric {missing.Key}: not computed by its family's statement");
            }

            return values;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Parameters(DbCommand command, MetricSubject subject, DateOnly start, DateOnly asOf)
    {
        Add(command, "s", NpgsqlDbType.Date, start);
        Add(command, "d", NpgsqlDbType.Date, asOf);
        Add(command, "code", NpgsqlDbType.Text, JurisdictionPath.Code(subject.Path));
        Add(command, "path", NpgsqlDbType.LTree, subject.Path);
        Add(command, "unit", NpgsqlDbType.Uuid, subject.OwnUnitId is { } own ? own : DBNull.Value);
    }

    /// <summary>The aggregates' values, or null when the window does not start on an epoch.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The SQL is composed from code constants (the metric and matrix definitions, quoted identifiers); every value is a parameter.")]
    private static async Task<Dictionary<string, decimal>?> FromAggregatesAsync(AppDbContext db, MetricSubject subject, DateOnly start, DateOnly asOf, CancellationToken ct)
    {
        var values = Computed.ToDictionary(m => m.Key, _ => 0m);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, AggregateQuery, SubtreeSql("f", subject.Path));
        Parameters(command, subject, start, asOf);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var epoch = false;
        while (await reader.ReadAsync(ct))
        {
            var key = reader.GetString(0);
            if (key == "#epoch")
            {
                epoch = reader.GetDecimal(1) == 1;
            }
            else if (values.ContainsKey(key))
            {
                values[key] = reader.GetDecimal(1);
            }
            else
            {
                throw new InvalidOperationException($"Metric {key}: in metric_counts but not in the catalogue");
            }
        }

        return epoch ? values : null;
    }

    private static void Add(DbCommand command, string name, NpgsqlDbType type, object value) =>
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
}
