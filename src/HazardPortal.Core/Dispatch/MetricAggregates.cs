namespace HazardPortal.Core.Dispatch;

/// <summary>
/// Aggregates that keep the national, provincial, prefecture and county roll-ups fast (SPEC §6, issue #5's
/// targets): every major hazard and every counted record contributes rows (metric, since, day, n) —
/// "since" is the day that puts it in a window (found, tagged, recorded), "day" the day its value
/// changes (a rectified state flips on the days the event history says) — and <c>metric_counts</c>
/// holds their sums per node of depth 1–4 (全国, 省, 市, 县) and epoch (each campaign start and each
/// 1 January) by the day both have come: a window [epoch, asOf] is the sum of that epoch's rows up to
/// the as-of day, a few hundred rows per metric even nationally. DistinctEnterprises metrics contribute per enterprise and
/// epoch (each campaign start and each 1 January): the enterprise's first qualifying day on or after
/// the epoch, so a window starting at an epoch counts each enterprise once.
/// <para>
/// Maintained in the same transaction as the records by triggers; the contribution of a hazard or
/// record is recomputed from its current state (and event history) and the difference applied, so the
/// aggregates always equal a recomputation (an integration test proves it). The triggers run as the
/// owner (SECURITY DEFINER); the tables have row security without FORCE: the owner writes, the
/// application role may only read rows of nodes inside its scope.
/// </para>
/// </summary>
public static class MetricAggregates
{
    /// <summary>
    /// The deepest node level the aggregates serve (县); townships and departments compute on the fly (a
    /// township holds a few hundred records; a department's form counts its own unit's records).
    /// </summary>
    public const int MaxDepth = 4;

    /// <summary>
    /// Rebuilds every contribution and count from the records, set-based (after a bulk load with the
    /// triggers off, or to repair). Runs as the owner or a superuser.
    /// </summary>
    public const string Rebuild = """
        TRUNCATE metric_contributions, metric_counts;
        INSERT INTO metric_contributions (source_id, path, metric, since, day, n)
        SELECT h.id, c.path, c.metric, c.since, c.day, c.n
        FROM hazards h, LATERAL hp_hazard_contributions(h.id) c
        WHERE h.grade = 'Major' AND h.status NOT IN ('Draft', 'Voided');
        INSERT INTO metric_contributions (source_id, path, metric, since, day, n)
        SELECT r.id, c.path, c.metric, c.since, c.day, c.n
        FROM (SELECT id FROM inspections WHERE kind = 'Assistance' UNION ALL SELECT id FROM enforcement_actions
              UNION ALL SELECT id FROM leadership_activities UNION ALL SELECT id FROM rewards) r, LATERAL hp_record_contributions(r.id) c;
        INSERT INTO metric_contributions (source_id, path, metric, since, day, n)
        SELECT e.enterprise_id, c.path, c.metric, c.since, c.day, c.n
        FROM (SELECT DISTINCT enterprise_id FROM inspections WHERE kind = 'SpotCheck' AND enterprise_id IS NOT NULL
              UNION SELECT DISTINCT enterprise_id FROM enforcement_actions WHERE enterprise_id IS NOT NULL) e, LATERAL hp_enterprise_contributions(e.enterprise_id) c;
        INSERT INTO metric_counts (node, path, metric, epoch, day, n)
        SELECT ltree2text(subpath(c.path, lvl - 1, 1)), subpath(c.path, 0, lvl), c.metric, r.epoch, r.day, sum(c.n)
        FROM metric_contributions c, generate_series(1, 4) lvl, LATERAL hp_epoch_rows(c.metric, c.since, c.day) r
        WHERE nlevel(c.path) >= lvl AND CASE WHEN lvl = 1 THEN true ELSE subpath(c.path, lvl - 1, 1) <> subpath(c.path, lvl - 2, 1) END
        GROUP BY 1, 2, 3, 4, 5;
        ANALYZE metric_contributions;
        ANALYZE metric_counts;
        """;

    /// <summary>
    /// The roll-up of a node at depth 1–4 in one round trip: one row per metric summed over the epoch's
    /// days to the as-of day (empty unless the window starts on an epoch), a <c>#epoch</c> row saying
    /// whether it does, and the two facts (each node's latest on or before the as-of day). {0} is the
    /// facts' subtree condition.
    /// </summary>
    public const string Query = """
        SELECT metric, sum(n) FROM metric_counts WHERE node = @code AND epoch = @s AND day <= @d AND @s IN (SELECT hp_metric_epochs()) GROUP BY metric
        UNION ALL
        SELECT '#epoch', (@s IN (SELECT hp_metric_epochs()))::int::numeric
        UNION ALL
        SELECT v.k, v.n FROM (
            SELECT coalesce(bool_or(x.media_column), false)::int::numeric AS media, coalesce(sum(x.technical_inspectors), 0)::numeric AS inspectors
            FROM (SELECT DISTINCT ON (f.jurisdiction_code) f.media_column, f.technical_inspectors
                  FROM jurisdiction_facts f WHERE f."on" <= @d AND {0}
                  ORDER BY f.jurisdiction_code, f."on" DESC) x) y,
            LATERAL (VALUES ('leadership.media_column', y.media), ('leadership.technical_inspectors', y.inspectors)) v(k, n)
        """;
}
