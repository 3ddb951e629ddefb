
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <summary>The national, provincial and prefecture roll-up aggregates and their triggers (see <see cref="global::HazardPortal.Core.Dispatch.MetricAggregates"/>).</summary>
    public partial class MetricAggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
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
                """);
            migrationBuilder.Sql("""
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
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS hazards_metrics ON hazards;
                DROP TRIGGER IF EXISTS hazard_events_metrics ON hazard_events;
                DROP TRIGGER IF EXISTS inspections_metrics ON inspections;
                DROP TRIGGER IF EXISTS enforcement_actions_metrics ON enforcement_actions;
                DROP TRIGGER IF EXISTS leadership_activities_metrics ON leadership_activities;
                DROP TRIGGER IF EXISTS rewards_metrics ON rewards;
                DROP FUNCTION IF EXISTS hp_contributions_trigger(), hp_refresh_contributions(text, uuid), hp_apply_contributions(uuid, int),
                    hp_enterprise_contributions(uuid), hp_epoch_rows(text, date, date), hp_record_contributions(uuid), hp_hazard_contributions(uuid), hp_rectified_changes(uuid), hp_metric_epochs();
                DROP TABLE IF EXISTS metric_counts, metric_contributions;
                """);
        }
    }
}
