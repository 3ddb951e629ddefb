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

    public const string Create = """
        CREATE TABLE metric_contributions (
            source_id uuid NOT NULL,
            path ltree NOT NULL,
            metric text NOT NULL,
            since date NOT NULL,
            day date NOT NULL,
            n numeric NOT NULL);
        CREATE INDEX ix_metric_contributions_source ON metric_contributions (source_id);

        CREATE TABLE metric_counts (
            node text NOT NULL,
            path ltree NOT NULL,
            metric text NOT NULL,
            epoch date NOT NULL,
            day date NOT NULL,
            n numeric NOT NULL,
            PRIMARY KEY (node, epoch, metric, day));

        ALTER TABLE metric_contributions ENABLE ROW LEVEL SECURITY;
        ALTER TABLE metric_counts ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant_read ON metric_counts FOR SELECT
            USING ((SELECT hp_scope_path()) IS NOT NULL AND (SELECT hp_scope_business()) AND (SELECT hp_scope_enterprise()) IS NULL AND path <@ (SELECT hp_scope_path()));

        -- The epochs a DistinctEnterprises window may start on: campaign starts and every 1 January.
        CREATE OR REPLACE FUNCTION hp_metric_epochs() RETURNS SETOF date LANGUAGE sql STABLE AS $$
            SELECT starts_on FROM campaigns
            UNION
            SELECT make_date(y, 1, 1) FROM generate_series(2023, extract(year FROM current_date)::int + 1) y
        $$;

        -- The rectified state of a hazard as of each day its event history changes it (the definition of §4).
        CREATE OR REPLACE FUNCTION hp_rectified_changes(hid uuid) RETURNS TABLE(day date, d int) LANGUAGE sql STABLE AS $$
            WITH ev AS (SELECT e.kind, e."on", e.sequence FROM hazard_events e WHERE e.hazard_id = hid AND e.kind IN ('Rectified', 'VerificationFailed')),
            st AS (
                SELECT x.day, EXISTS (SELECT 1 FROM ev r WHERE r.kind = 'Rectified' AND r."on" <= x.day
                          AND NOT EXISTS (SELECT 1 FROM ev f WHERE f.kind = 'VerificationFailed' AND f."on" <= x.day AND f.sequence > r.sequence))::int AS s
                FROM (SELECT DISTINCT "on" AS day FROM ev) x),
            ch AS (SELECT st.day, st.s - coalesce(lag(st.s) OVER (ORDER BY st.day), 0) AS d FROM st)
            SELECT ch.day, ch.d FROM ch WHERE ch.d <> 0
        $$;

        CREATE OR REPLACE FUNCTION hp_hazard_contributions(hid uuid) RETURNS TABLE(path ltree, metric text, since date, day date, n numeric) LANGUAGE sql STABLE AS $$
            WITH h AS (
                SELECT x.path, x.found_on, x.supervision_tagged_on,
                       CASE WHEN x.source = 'SelfInspection' THEN 'hazards.self' ELSE 'hazards.dept' END AS prefix
                FROM hazards x WHERE x.id = hid AND x.grade = 'Major' AND x.status NOT IN ('Draft', 'Voided')),
            ch AS (SELECT * FROM hp_rectified_changes(hid))
            SELECT h.path, h.prefix || '.found', h.found_on, h.found_on, 1::numeric FROM h
            UNION ALL SELECT h.path, h.prefix || '.rectified', h.found_on, ch.day, ch.d::numeric FROM h, ch
            UNION ALL SELECT h.path, 'hazards.supervised', h.supervision_tagged_on, h.supervision_tagged_on, 1::numeric FROM h WHERE h.supervision_tagged_on IS NOT NULL
            UNION ALL SELECT h.path, 'hazards.supervised.rectified', h.supervision_tagged_on, ch.day, ch.d::numeric FROM h, ch WHERE h.supervision_tagged_on IS NOT NULL
        $$;

        -- Sum-type records: one row per record and metric.
        CREATE OR REPLACE FUNCTION hp_record_contributions(rid uuid) RETURNS TABLE(path ltree, metric text, since date, day date, n numeric) LANGUAGE sql STABLE AS $$
            SELECT i.path, CASE WHEN i.target_jurisdiction_code IS NOT NULL THEN 'assist.key_regions' ELSE 'assist.key_enterprises' END, i."on", i."on", 1::numeric
            FROM inspections i WHERE i.id = rid AND i.kind = 'Assistance' AND i.frozen_at IS NOT NULL AND i.superseded_by_id IS NULL
                AND (i.target_jurisdiction_code IS NOT NULL OR i.enterprise_id IS NOT NULL OR i.place_id IS NOT NULL)
            UNION ALL
            SELECT a.path, m.metric, a."on", a."on", m.n
            FROM enforcement_actions a, LATERAL (VALUES
                (CASE WHEN a.kind = 'Penalty' THEN 'enforcement.penalty.count' END, 1::numeric),
                (CASE WHEN a.kind IN ('Penalty', 'DualPenalty') THEN 'enforcement.penalty.amount' END, coalesce(a.amount_wan, 0)),
                (CASE WHEN a.kind = 'DualPenalty' THEN 'enforcement.dual_penalty' END, 1::numeric),
                (CASE WHEN a.kind = 'JudicialReferral' THEN 'enforcement.judicial_referral.persons' END, coalesce(a.persons, 0)::numeric),
                (CASE WHEN a.kind = 'TypicalCase' THEN 'enforcement.typical_cases' END, 1::numeric),
                (CASE WHEN a.kind = 'TypicalCase' AND a.dangerous_operation_crime THEN 'enforcement.typical_cases.dangerous_operation_crime' END, 1::numeric),
                (CASE WHEN a.kind = 'Accountability' THEN 'enforcement.accountability.persons' END, coalesce(a.persons, 0)::numeric),
                (CASE WHEN a.kind = 'RegionInterview' THEN 'enforcement.interviews' END, 1::numeric)) AS m(metric, n)
            WHERE a.id = rid AND m.metric IS NOT NULL
            UNION ALL
            SELECT l.path, CASE l.kind WHEN 'StudySession' THEN 'leadership.study_sessions' WHEN 'SpecialResearch' THEN 'leadership.special_research'
                WHEN 'OnsiteSupervision' THEN 'leadership.onsite_supervision' WHEN 'MemberBriefing' THEN 'leadership.member_briefings'
                ELSE 'leadership.assessment_inspections' END, l."on", l."on", 1::numeric
            FROM leadership_activities l WHERE l.id = rid
            UNION ALL
            SELECT w.path, m.metric, w."on", w."on", w.amount_wan
            FROM rewards w, LATERAL (VALUES ('leadership.rewards.amount'), (CASE WHEN w.anonymous THEN 'leadership.rewards.anonymous_amount' END)) AS m(metric)
            WHERE w.id = rid AND m.metric IS NOT NULL
        $$;

        -- DistinctEnterprises: per enterprise, metric and epoch, its first qualifying day on or after the epoch.
        CREATE OR REPLACE FUNCTION hp_enterprise_contributions(eid uuid) RETURNS TABLE(path ltree, metric text, since date, day date, n numeric) LANGUAGE sql STABLE AS $$
            WITH q AS (
                SELECT i.path, 'spotcheck.enterprises' AS metric, i."on" FROM inspections i
                WHERE i.enterprise_id = eid AND i.kind = 'SpotCheck' AND i.frozen_at IS NOT NULL AND i.superseded_by_id IS NULL
                UNION ALL
                SELECT i.path, 'spotcheck.' || d, i."on" FROM inspections i, unnest(i.deficiencies) d
                WHERE i.enterprise_id = eid AND i.kind = 'SpotCheck' AND i.frozen_at IS NOT NULL AND i.superseded_by_id IS NULL
                UNION ALL
                SELECT a.path, CASE WHEN a.kind = 'Suspension' THEN 'enforcement.suspension.enterprises' ELSE 'enforcement.exposure.enterprises' END, a."on"
                FROM enforcement_actions a WHERE a.enterprise_id = eid AND a.kind IN ('Suspension', 'Exposure', 'Interview', 'JointPunishment'))
            SELECT min(q.path::text)::ltree, q.metric, e.epoch, min(q."on"), 1::numeric
            FROM q, hp_metric_epochs() e(epoch)
            WHERE q."on" >= e.epoch
            GROUP BY q.metric, e.epoch
        $$;

        -- Which epochs a contribution counts in: a distinct row in its own epoch only; a Sum row in every
        -- epoch on or before its since-day, on the day both its since-day and its day have come (greatest).
        CREATE OR REPLACE FUNCTION hp_epoch_rows(metric text, since date, day date) RETURNS TABLE(epoch date, day date) LANGUAGE sql STABLE AS $$
            SELECT since, day WHERE metric IN ('spotcheck.enterprises', 'spotcheck.head_not_studied', 'spotcheck.head_not_led_inspection', 'spotcheck.no_duty_list',
                'spotcheck.no_all_staff_duty_list', 'spotcheck.no_safety_org', 'spotcheck.uncertified_special_work', 'spotcheck.outsourcing_chaos', 'spotcheck.no_drill',
                'enforcement.suspension.enterprises', 'enforcement.exposure.enterprises')
            UNION ALL
            SELECT e, greatest(since, day) FROM hp_metric_epochs() e
            WHERE since >= e AND metric NOT IN ('spotcheck.enterprises', 'spotcheck.head_not_studied', 'spotcheck.head_not_led_inspection', 'spotcheck.no_duty_list',
                'spotcheck.no_all_staff_duty_list', 'spotcheck.no_safety_org', 'spotcheck.uncertified_special_work', 'spotcheck.outsourcing_chaos', 'spotcheck.no_drill',
                'enforcement.suspension.enterprises', 'enforcement.exposure.enterprises')
        $$;

        -- Applies a source's contributions to the counts of its nodes at depth 1–3 (sign +1 or -1).
        CREATE OR REPLACE FUNCTION hp_apply_contributions(src uuid, sign int) RETURNS void LANGUAGE sql AS $$
            INSERT INTO metric_counts (node, path, metric, epoch, day, n)
            SELECT ltree2text(subpath(c.path, lvl - 1, 1)), subpath(c.path, 0, lvl), c.metric, r.epoch, r.day, sum(c.n) * sign
            FROM metric_contributions c, generate_series(1, 3) lvl, LATERAL hp_epoch_rows(c.metric, c.since, c.day) r
            WHERE c.source_id = src AND nlevel(c.path) >= lvl
            GROUP BY 1, 2, 3, 4, 5
            ON CONFLICT (node, epoch, metric, day) DO UPDATE SET n = metric_counts.n + EXCLUDED.n
        $$;

        -- Recomputes one source (a hazard, a record or an enterprise's distinct rows) and applies the difference.
        CREATE OR REPLACE FUNCTION hp_refresh_contributions(kind text, src uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        BEGIN
            PERFORM hp_apply_contributions(src, -1);
            DELETE FROM metric_contributions WHERE source_id = src;
            INSERT INTO metric_contributions (source_id, path, metric, since, day, n)
            SELECT src, c.path, c.metric, c.since, c.day, c.n FROM (
                SELECT * FROM hp_hazard_contributions(src) WHERE kind = 'hazard'
                UNION ALL SELECT * FROM hp_record_contributions(src) WHERE kind = 'record'
                UNION ALL SELECT * FROM hp_enterprise_contributions(src) WHERE kind = 'enterprise') c;
            PERFORM hp_apply_contributions(src, 1);
        END $$;

        CREATE OR REPLACE FUNCTION hp_contributions_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            r record;
        BEGIN
            r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
            IF TG_TABLE_NAME = 'hazards' THEN
                PERFORM hp_refresh_contributions('hazard', r.id);
            ELSIF TG_TABLE_NAME = 'hazard_events' THEN
                PERFORM hp_refresh_contributions('hazard', r.hazard_id);
            ELSE
                PERFORM hp_refresh_contributions('record', r.id);
                IF TG_TABLE_NAME IN ('inspections', 'enforcement_actions') THEN
                    IF r.enterprise_id IS NOT NULL THEN
                        PERFORM hp_refresh_contributions('enterprise', r.enterprise_id);
                    END IF;
                    IF TG_OP = 'UPDATE' AND OLD.enterprise_id IS DISTINCT FROM NEW.enterprise_id AND OLD.enterprise_id IS NOT NULL THEN
                        PERFORM hp_refresh_contributions('enterprise', OLD.enterprise_id);
                    END IF;
                END IF;
            END IF;
            RETURN NULL;
        END $$;

        CREATE TRIGGER hazards_metrics AFTER INSERT OR UPDATE OR DELETE ON hazards FOR EACH ROW EXECUTE FUNCTION hp_contributions_trigger();
        CREATE TRIGGER hazard_events_metrics AFTER INSERT ON hazard_events FOR EACH ROW EXECUTE FUNCTION hp_contributions_trigger();
        CREATE TRIGGER inspections_metrics AFTER INSERT OR UPDATE OR DELETE ON inspections FOR EACH ROW EXECUTE FUNCTION hp_contributions_trigger();
        CREATE TRIGGER enforcement_actions_metrics AFTER INSERT OR UPDATE OR DELETE ON enforcement_actions FOR EACH ROW EXECUTE FUNCTION hp_contributions_trigger();
        CREATE TRIGGER leadership_activities_metrics AFTER INSERT OR UPDATE OR DELETE ON leadership_activities FOR EACH ROW EXECUTE FUNCTION hp_contributions_trigger();
        CREATE TRIGGER rewards_metrics AFTER INSERT OR UPDATE OR DELETE ON rewards FOR EACH ROW EXECUTE FUNCTION hp_contributions_trigger();
        """;

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
        WHERE nlevel(c.path) >= lvl
        GROUP BY 1, 2, 3, 4, 5;
        ANALYZE metric_contributions;
        ANALYZE metric_counts;
        """;

    /// <summary>
    /// Since migration CountyAggregates: the counts are kept for counties too (depth 1–4). Replaces the
    /// apply function and adds the county rows from the contributions already there.
    /// </summary>
    public const string ExtendToCounties = """
        CREATE OR REPLACE FUNCTION hp_apply_contributions(src uuid, sign int) RETURNS void LANGUAGE sql AS $$
            INSERT INTO metric_counts (node, path, metric, epoch, day, n)
            SELECT ltree2text(subpath(c.path, lvl - 1, 1)), subpath(c.path, 0, lvl), c.metric, r.epoch, r.day, sum(c.n) * sign
            FROM metric_contributions c, generate_series(1, 4) lvl, LATERAL hp_epoch_rows(c.metric, c.since, c.day) r
            WHERE c.source_id = src AND nlevel(c.path) >= lvl
            GROUP BY 1, 2, 3, 4, 5
            ON CONFLICT (node, epoch, metric, day) DO UPDATE SET n = metric_counts.n + EXCLUDED.n
        $$;
        DELETE FROM metric_counts WHERE nlevel(path) = 4;
        INSERT INTO metric_counts (node, path, metric, epoch, day, n)
        SELECT ltree2text(subpath(c.path, 3, 1)), subpath(c.path, 0, 4), c.metric, r.epoch, r.day, sum(c.n)
        FROM metric_contributions c, LATERAL hp_epoch_rows(c.metric, c.since, c.day) r
        WHERE nlevel(c.path) >= 4
        GROUP BY 1, 2, 3, 4, 5;
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
