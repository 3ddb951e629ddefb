using System;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScopeColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "awaiting_rectification",
                table: "hazards",
                type: "boolean",
                nullable: false,
                computedColumnSql: "status IN ('Registered', 'Reported') AND rectified_on IS NULL",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "county_code",
                table: "hazards",
                type: "text",
                nullable: true,
                computedColumnSql: "CASE WHEN nlevel(path) >= 4 THEN ltree2text(subpath(path, 3, 1)) END",
                stored: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "due_on",
                table: "hazards",
                type: "date",
                nullable: true,
                computedColumnSql: "CASE WHEN supervision_level IS NOT NULL AND supervision_removed_on IS NULL AND (plan_deadline IS NULL OR supervision_deadline < plan_deadline) THEN supervision_deadline ELSE plan_deadline END",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "prefecture_code",
                table: "hazards",
                type: "text",
                nullable: true,
                computedColumnSql: "CASE WHEN nlevel(path) >= 3 THEN ltree2text(subpath(path, 2, 1)) END",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "province_code",
                table: "hazards",
                type: "text",
                nullable: true,
                computedColumnSql: "CASE WHEN nlevel(path) >= 2 THEN ltree2text(subpath(path, 1, 1)) END",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "township_code",
                table: "hazards",
                type: "text",
                nullable: true,
                computedColumnSql: "CASE WHEN nlevel(path) >= 5 THEN ltree2text(subpath(path, 4, 1)) END",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_hazards_county_code_found_on_id",
                table: "hazards",
                columns: new[] { "county_code", "found_on", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_hazards_due_on_id",
                table: "hazards",
                columns: new[] { "due_on", "id" },
                filter: "awaiting_rectification");

            migrationBuilder.CreateIndex(
                name: "ix_hazards_prefecture_code_found_on_id",
                table: "hazards",
                columns: new[] { "prefecture_code", "found_on", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_hazards_province_code_found_on_id",
                table: "hazards",
                columns: new[] { "province_code", "found_on", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_hazards_township_code_found_on_id",
                table: "hazards",
                columns: new[] { "township_code", "found_on", "id" });

            // Every policy again: settings read once per statement (InitPlans); hazards' policy in the
            // planner-neutral form that lets the scope-column indexes serve the ledger at any scope.
            migrationBuilder.Sql("""
                ALTER TABLE jurisdictions ENABLE ROW LEVEL SECURITY;
                ALTER TABLE jurisdictions FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON jurisdictions;
                CREATE POLICY tenant ON jurisdictions USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path())) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE units ENABLE ROW LEVEL SECURITY;
                ALTER TABLE units FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON units;
                CREATE POLICY tenant ON units USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path())) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE sector_leads ENABLE ROW LEVEL SECURITY;
                ALTER TABLE sector_leads FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON sector_leads;
                CREATE POLICY tenant ON sector_leads USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path())) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE enterprises ENABLE ROW LEVEL SECURITY;
                ALTER TABLE enterprises FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON enterprises;
                CREATE POLICY tenant ON enterprises USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE places ENABLE ROW LEVEL SECURITY;
                ALTER TABLE places FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON places;
                CREATE POLICY tenant ON places USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE hazards ENABLE ROW LEVEL SECURITY;
                ALTER TABLE hazards FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON hazards;
                CREATE POLICY tenant ON hazards USING (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false)) WITH CHECK (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE hazard_events ENABLE ROW LEVEL SECURITY;
                ALTER TABLE hazard_events FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON hazard_events;
                CREATE POLICY tenant ON hazard_events USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE hazard_routes ENABLE ROW LEVEL SECURITY;
                ALTER TABLE hazard_routes FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON hazard_routes;
                CREATE POLICY tenant ON hazard_routes USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE hazard_photos ENABLE ROW LEVEL SECURITY;
                ALTER TABLE hazard_photos FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON hazard_photos;
                CREATE POLICY tenant ON hazard_photos USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE form_drafts ENABLE ROW LEVEL SECURITY;
                ALTER TABLE form_drafts FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON form_drafts;
                CREATE POLICY tenant ON form_drafts USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_hazards_county_code_found_on_id",
                table: "hazards");

            migrationBuilder.DropIndex(
                name: "ix_hazards_due_on_id",
                table: "hazards");

            migrationBuilder.DropIndex(
                name: "ix_hazards_prefecture_code_found_on_id",
                table: "hazards");

            migrationBuilder.DropIndex(
                name: "ix_hazards_province_code_found_on_id",
                table: "hazards");

            migrationBuilder.DropIndex(
                name: "ix_hazards_township_code_found_on_id",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "awaiting_rectification",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "county_code",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "due_on",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "prefecture_code",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "province_code",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "township_code",
                table: "hazards");
        }
    }
}
