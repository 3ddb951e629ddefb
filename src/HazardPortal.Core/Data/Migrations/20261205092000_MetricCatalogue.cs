using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <summary>
    /// Issue #15 §5: one definition per metric. The C# catalogue (<c>Metrics.All</c>) is the definition; the database keeps
    /// a copy in <c>metric_catalogue</c> (written here as it stands today and kept current by the reference import), and
    /// <c>hp_epoch_rows</c> reads which metrics count distinct enterprises from it instead of two hand-written lists.
    /// </summary>
    public partial class MetricCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE metric_catalogue (
                    key text PRIMARY KEY,
                    unit text NOT NULL,
                    roll_up text NOT NULL,
                    section text NOT NULL,
                    family text NOT NULL);

                INSERT INTO metric_catalogue (key, unit, roll_up, section, family) VALUES
                    ('hazards.self.found', '个', 'Sum', '总体情况', 'Hazards'),
                    ('hazards.self.rectified', '个', 'Sum', '总体情况', 'Hazards'),
                    ('hazards.dept.found', '个', 'Sum', '总体情况', 'Hazards'),
                    ('hazards.dept.rectified', '个', 'Sum', '总体情况', 'Hazards'),
                    ('hazards.supervised', '个', 'Sum', '总体情况', 'Hazards'),
                    ('hazards.supervised.rectified', '个', 'Sum', '总体情况', 'Hazards'),
                    ('spotcheck.enterprises', '家', 'DistinctEnterprises', '抽查检查情况', 'Inspections'),
                    ('spotcheck.head_not_studied', '家', 'DistinctEnterprises', '抽查检查情况', 'Inspections'),
                    ('spotcheck.head_not_led_inspection', '家', 'DistinctEnterprises', '抽查检查情况', 'Inspections'),
                    ('spotcheck.no_duty_list', '家', 'DistinctEnterprises', '抽查检查情况', 'Inspections'),
                    ('spotcheck.no_all_staff_duty_list', '家', 'DistinctEnterprises', '抽查检查情况', 'Inspections'),
                    ('spotcheck.no_safety_org', '家', 'DistinctEnterprises', '抽查检查情况', 'Inspections'),
                    ('spotcheck.uncertified_special_work', '家', 'DistinctEnterprises', '抽查检查情况', 'Inspections'),
                    ('spotcheck.outsourcing_chaos', '家', 'DistinctEnterprises', '抽查检查情况', 'Inspections'),
                    ('spotcheck.no_drill', '家', 'DistinctEnterprises', '抽查检查情况', 'Inspections'),
                    ('assist.key_regions', '个次', 'Sum', '部门精准严格执法情况', 'Inspections'),
                    ('assist.key_enterprises', '家次', 'Sum', '部门精准严格执法情况', 'Inspections'),
                    ('enforcement.penalty.count', '次', 'Sum', '部门精准严格执法情况', 'Enforcement'),
                    ('enforcement.penalty.amount', '万元', 'Sum', '部门精准严格执法情况', 'Enforcement'),
                    ('enforcement.dual_penalty', '次', 'Sum', '部门精准严格执法情况', 'Enforcement'),
                    ('enforcement.judicial_referral.persons', '人', 'Sum', '部门精准严格执法情况', 'Enforcement'),
                    ('enforcement.suspension.enterprises', '家', 'DistinctEnterprises', '部门精准严格执法情况', 'Enforcement'),
                    ('enforcement.exposure.enterprises', '家', 'DistinctEnterprises', '部门精准严格执法情况', 'Enforcement'),
                    ('enforcement.typical_cases', '个', 'Sum', '部门精准严格执法情况', 'Enforcement'),
                    ('enforcement.typical_cases.dangerous_operation_crime', '个', 'Sum', '部门精准严格执法情况', 'Enforcement'),
                    ('enforcement.accountability.persons', '人', 'Sum', '部门精准严格执法情况', 'Enforcement'),
                    ('enforcement.interviews', '次', 'Sum', '部门精准严格执法情况', 'Enforcement'),
                    ('leadership.study_sessions', '次', 'Sum', '党委政府组织领导情况', 'Leadership'),
                    ('leadership.special_research', '次', 'Sum', '党委政府组织领导情况', 'Leadership'),
                    ('leadership.onsite_supervision', '次', 'Sum', '党委政府组织领导情况', 'Leadership'),
                    ('leadership.member_briefings', '次', 'Sum', '党委政府组织领导情况', 'Leadership'),
                    ('leadership.assessment_inspections', '次', 'Sum', '党委政府组织领导情况', 'Leadership'),
                    ('leadership.rewards.amount', '万元', 'Sum', '党委政府组织领导情况', 'Rewards'),
                    ('leadership.rewards.anonymous_amount', '万元', 'Sum', '党委政府组织领导情况', 'Rewards'),
                    ('leadership.media_column', '是/否', 'Any', '党委政府组织领导情况', 'Facts'),
                    ('leadership.technical_inspectors', '人', 'Latest', '党委政府组织领导情况', 'Facts');

                -- Which epochs a contribution counts in: a distinct row in its own epoch only; a Sum row in every epoch on or
                -- before its since-day, on the day both its since-day and its day have come (greatest).
                CREATE OR REPLACE FUNCTION hp_epoch_rows(metric text, since date, day date) RETURNS TABLE(epoch date, day date) LANGUAGE sql STABLE AS $$
                    WITH d AS (SELECT EXISTS (SELECT 1 FROM metric_catalogue c WHERE c.key = metric AND c.roll_up = 'DistinctEnterprises') AS distinct_enterprises)
                    SELECT since, day FROM d WHERE d.distinct_enterprises
                    UNION ALL
                    SELECT e, greatest(since, day) FROM d, hp_metric_epochs() e WHERE NOT d.distinct_enterprises AND since >= e
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
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
                DROP TABLE IF EXISTS metric_catalogue;
                """);
        }
    }
}
