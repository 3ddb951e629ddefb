
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
            migrationBuilder.Sql(global::HazardPortal.Core.Dispatch.MetricAggregates.Create);
            migrationBuilder.Sql(global::HazardPortal.Core.Dispatch.MetricAggregates.Rebuild);
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
