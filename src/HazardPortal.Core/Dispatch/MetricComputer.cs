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

    private static string Sql(MetricSubject subject)
    {
        string Where(string alias, string unitColumn) =>
            SubtreeSql(alias, subject.Path) + (subject.OwnUnitId is null ? string.Empty : $" AND {alias}.{unitColumn} = @unit");

        return $"""
            WITH
            hz AS (
                SELECT
                    count(*) FILTER (WHERE h.source = 'SelfInspection' AND h.found_on BETWEEN @s AND @d) AS self_found,
                    count(*) FILTER (WHERE h.source = 'SelfInspection' AND h.found_on BETWEEN @s AND @d AND {RectifiedAsOfSql}) AS self_rectified,
                    count(*) FILTER (WHERE h.source <> 'SelfInspection' AND h.found_on BETWEEN @s AND @d) AS dept_found,
                    count(*) FILTER (WHERE h.source <> 'SelfInspection' AND h.found_on BETWEEN @s AND @d AND {RectifiedAsOfSql}) AS dept_rectified,
                    count(*) FILTER (WHERE h.supervision_tagged_on BETWEEN @s AND @d) AS supervised,
                    count(*) FILTER (WHERE h.supervision_tagged_on BETWEEN @s AND @d AND {RectifiedAsOfSql}) AS supervised_rectified
                FROM hazards h
                WHERE h.grade = 'Major' AND h.status NOT IN ('Draft', 'Voided') AND {Where("h", "registered_by_unit_id")}
                  AND (h.found_on BETWEEN @s AND @d OR h.supervision_tagged_on BETWEEN @s AND @d)),
            ins AS (
                SELECT
                    count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck') AS spot_enterprises,
                    count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'head_not_studied' = ANY (i.deficiencies)) AS d1,
                    count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'head_not_led_inspection' = ANY (i.deficiencies)) AS d2,
                    count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'no_duty_list' = ANY (i.deficiencies)) AS d3,
                    count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'no_all_staff_duty_list' = ANY (i.deficiencies)) AS d4,
                    count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'no_safety_org' = ANY (i.deficiencies)) AS d5,
                    count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'uncertified_special_work' = ANY (i.deficiencies)) AS d6,
                    count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'outsourcing_chaos' = ANY (i.deficiencies)) AS d7,
                    count(DISTINCT i.enterprise_id) FILTER (WHERE i.kind = 'SpotCheck' AND 'no_drill' = ANY (i.deficiencies)) AS d8,
                    count(*) FILTER (WHERE i.kind = 'Assistance' AND i.target_jurisdiction_code IS NOT NULL) AS assist_regions,
                    count(*) FILTER (WHERE i.kind = 'Assistance' AND (i.enterprise_id IS NOT NULL OR i.place_id IS NOT NULL)) AS assist_enterprises
                FROM inspections i
                WHERE i.kind IN ('SpotCheck', 'Assistance') AND i.frozen_at IS NOT NULL AND i.superseded_by_id IS NULL
                  AND i."on" BETWEEN @s AND @d AND {Where("i", "recorded_by_unit_id")}),
            ea AS (
                SELECT
                    count(*) FILTER (WHERE a.kind IN ('Penalty', 'DualPenalty')) AS penalty_count,
                    coalesce(sum(a.amount_wan) FILTER (WHERE a.kind IN ('Penalty', 'DualPenalty')), 0) AS penalty_amount,
                    count(*) FILTER (WHERE a.kind = 'DualPenalty') AS dual_penalty,
                    coalesce(sum(a.persons) FILTER (WHERE a.kind = 'JudicialReferral'), 0) AS referral_persons,
                    count(DISTINCT a.enterprise_id) FILTER (WHERE a.kind = 'Suspension') AS suspension_enterprises,
                    count(DISTINCT a.enterprise_id) FILTER (WHERE a.kind IN ('Exposure', 'Interview', 'JointPunishment')) AS exposure_enterprises,
                    count(*) FILTER (WHERE a.kind = 'TypicalCase') AS typical_cases,
                    count(*) FILTER (WHERE a.kind = 'TypicalCase' AND a.dangerous_operation_crime) AS crime_cases,
                    coalesce(sum(a.persons) FILTER (WHERE a.kind = 'Accountability'), 0) AS accountability_persons,
                    count(*) FILTER (WHERE a.kind = 'RegionInterview') AS interviews
                FROM enforcement_actions a
                WHERE a."on" BETWEEN @s AND @d AND {Where("a", "recorded_by_unit_id")}),
            la AS (
                SELECT
                    count(*) FILTER (WHERE l.kind = 'StudySession') AS study,
                    count(*) FILTER (WHERE l.kind = 'SpecialResearch') AS research,
                    count(*) FILTER (WHERE l.kind = 'OnsiteSupervision') AS onsite,
                    count(*) FILTER (WHERE l.kind = 'MemberBriefing') AS briefings,
                    count(*) FILTER (WHERE l.kind = 'AssessmentInspection') AS assessments
                FROM leadership_activities l
                WHERE l."on" BETWEEN @s AND @d AND {Where("l", "recorded_by_unit_id")}),
            rw AS (
                SELECT coalesce(sum(w.amount_wan), 0) AS amount, coalesce(sum(w.amount_wan) FILTER (WHERE w.anonymous), 0) AS anonymous_amount
                FROM rewards w
                WHERE w."on" BETWEEN @s AND @d AND {Where("w", "recorded_by_unit_id")}),
            jf AS (
                SELECT coalesce(bool_or(x.media_column), false) AS media, coalesce(sum(x.technical_inspectors), 0) AS inspectors
                FROM (SELECT DISTINCT ON (f.jurisdiction_code) f.media_column, f.technical_inspectors
                      FROM jurisdiction_facts f
                      WHERE f."on" <= @d AND {Where("f", "recorded_by_unit_id")}
                      ORDER BY f.jurisdiction_code, f."on" DESC) x)
            SELECT hz.*, ins.*, ea.*, la.*, rw.*, jf.* FROM hz, ins, ea, la, rw, jf
            """;
    }

    private static readonly string[] Columns =
    [
        "hazards.self.found", "hazards.self.rectified", "hazards.dept.found", "hazards.dept.rectified", "hazards.supervised", "hazards.supervised.rectified",
        "spotcheck.enterprises", "spotcheck.head_not_studied", "spotcheck.head_not_led_inspection", "spotcheck.no_duty_list", "spotcheck.no_all_staff_duty_list",
        "spotcheck.no_safety_org", "spotcheck.uncertified_special_work", "spotcheck.outsourcing_chaos", "spotcheck.no_drill",
        "assist.key_regions", "assist.key_enterprises",
        "enforcement.penalty.count", "enforcement.penalty.amount", "enforcement.dual_penalty", "enforcement.judicial_referral.persons",
        "enforcement.suspension.enterprises", "enforcement.exposure.enterprises", "enforcement.typical_cases", "enforcement.typical_cases.dangerous_operation_crime",
        "enforcement.accountability.persons", "enforcement.interviews",
        "leadership.study_sessions", "leadership.special_research", "leadership.onsite_supervision", "leadership.member_briefings", "leadership.assessment_inspections",
        "leadership.rewards.amount", "leadership.rewards.anonymous_amount", "leadership.media_column", "leadership.technical_inspectors",
    ];

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
            var values = new Dictionary<string, decimal>(Columns.Length);
            for (var i = 0; i < Columns.Length; i++)
            {
                values[Columns[i]] = reader.GetValue(i) switch
                {
                    bool b => b ? 1 : 0,
                    long l => l,
                    int n => n,
                    decimal m => m,
                    _ => 0,
                };
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
        var values = Columns.ToDictionary(c => c, _ => 0m);
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
            else
            {
                values[key] = reader.GetDecimal(1);
            }
        }

        return epoch ? values : null;
    }

    private static void Add(DbCommand command, string name, NpgsqlDbType type, object value) =>
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
}
