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
            migrationBuilder.Sql(Rls.Enable("jurisdictions", enterpriseOwned: false, businessRow: false));
            migrationBuilder.Sql(Rls.Enable("units", enterpriseOwned: false, businessRow: false));
            migrationBuilder.Sql(Rls.Enable("sector_leads", enterpriseOwned: false, businessRow: false));
            migrationBuilder.Sql(Rls.Enable("enterprises", enterpriseOwned: true, businessRow: false));
            migrationBuilder.Sql(Rls.Enable("places", enterpriseOwned: true, businessRow: false));
            migrationBuilder.Sql(Rls.Enable("hazards", enterpriseOwned: true, businessRow: true, scopeColumns: true));
            migrationBuilder.Sql(Rls.Enable("hazard_events", enterpriseOwned: true, businessRow: true));
            migrationBuilder.Sql(Rls.Enable("hazard_routes", enterpriseOwned: true, businessRow: true));
            migrationBuilder.Sql(Rls.Enable("hazard_photos", enterpriseOwned: true, businessRow: true));
            migrationBuilder.Sql(Rls.Enable("form_drafts", enterpriseOwned: true, businessRow: true));
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
