using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <summary>
    /// 行政处罚(次，万元) counts the same actions in 次 and in 万元: an 一案双罚 is an administrative penalty, so it
    /// is counted as well as summed (docs/decisions/0015-penalty-count-and-amount.md). Replaces the record
    /// contributions function and recomputes the contributions of the 一案双罚 already recorded. No model change.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261205060000_PenaltySameActions")]
    public partial class PenaltySameActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION hp_record_contributions(rid uuid) RETURNS TABLE(path ltree, metric text, since date, day date, n numeric) LANGUAGE sql STABLE AS $$
                    SELECT i.path, CASE WHEN i.target_jurisdiction_code IS NOT NULL THEN 'assist.key_regions' ELSE 'assist.key_enterprises' END, i."on", i."on", 1::numeric
                    FROM inspections i WHERE i.id = rid AND i.kind = 'Assistance' AND i.frozen_at IS NOT NULL AND i.superseded_by_id IS NULL
                        AND (i.target_jurisdiction_code IS NOT NULL OR i.enterprise_id IS NOT NULL OR i.place_id IS NOT NULL)
                    UNION ALL
                    SELECT a.path, m.metric, a."on", a."on", m.n
                    FROM enforcement_actions a, LATERAL (VALUES
                        (CASE WHEN a.kind IN ('Penalty', 'DualPenalty') THEN 'enforcement.penalty.count' END, 1::numeric),
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
                SELECT hp_refresh_contributions('record', a.id) FROM enforcement_actions a WHERE a.kind = 'DualPenalty';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
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
                SELECT hp_refresh_contributions('record', a.id) FROM enforcement_actions a WHERE a.kind = 'DualPenalty';
                """);
        }
    }
}
