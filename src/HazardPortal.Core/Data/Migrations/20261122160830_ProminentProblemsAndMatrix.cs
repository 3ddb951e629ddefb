using System;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProminentProblemsAndMatrix : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "aging_equipment",
                table: "hazards",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "high_risk_equipment",
                table: "hazards",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "layout",
                table: "dispatch_templates",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Sections");

            migrationBuilder.CreateTable(
                name: "prominent_problems",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    sector_code = table.Column<string>(type: "text", nullable: false),
                    root_cause_measure = table.Column<bool>(type: "boolean", nullable: false),
                    root_cause_description = table.Column<string>(type: "text", nullable: true),
                    rectified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    jurisdiction_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    province_code = table.Column<string>(type: "text", nullable: true, computedColumnSql: "CASE WHEN nlevel(path) >= 2 THEN ltree2text(subpath(path, 1, 1)) END", stored: true),
                    prefecture_code = table.Column<string>(type: "text", nullable: true, computedColumnSql: "CASE WHEN nlevel(path) >= 3 THEN ltree2text(subpath(path, 2, 1)) END", stored: true),
                    county_code = table.Column<string>(type: "text", nullable: true, computedColumnSql: "CASE WHEN nlevel(path) >= 4 THEN ltree2text(subpath(path, 3, 1)) END", stored: true),
                    township_code = table.Column<string>(type: "text", nullable: true, computedColumnSql: "CASE WHEN nlevel(path) >= 5 THEN ltree2text(subpath(path, 4, 1)) END", stored: true),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    place_id = table.Column<Guid>(type: "uuid", nullable: true),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_by_unit_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prominent_problems", x => x.id);
                    table.ForeignKey(
                        name: "fk_prominent_problems_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_prominent_problems_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_prominent_problems_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_prominent_problems_sectors_sector_code",
                        column: x => x.sector_code,
                        principalTable: "sectors",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_prominent_problems_county_code_on",
                table: "prominent_problems",
                columns: new[] { "county_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_prominent_problems_enterprise_id_on",
                table: "prominent_problems",
                columns: new[] { "enterprise_id", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_prominent_problems_jurisdiction_code",
                table: "prominent_problems",
                column: "jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_prominent_problems_path",
                table: "prominent_problems",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_prominent_problems_place_id",
                table: "prominent_problems",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_prominent_problems_sector_code",
                table: "prominent_problems",
                column: "sector_code");

            migrationBuilder.CreateIndex(
                name: "ix_prominent_problems_township_code_on",
                table: "prominent_problems",
                columns: new[] { "township_code", "on" });

            // Row security like every record table (the tenant rule); the matrix template's layout for rows made before this column.
            migrationBuilder.Sql("""
                ALTER TABLE prominent_problems ENABLE ROW LEVEL SECURITY;
                ALTER TABLE prominent_problems FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON prominent_problems;
                CREATE POLICY tenant ON prominent_problems USING (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false)) WITH CHECK (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false));
                """);
            migrationBuilder.Sql("UPDATE dispatch_templates SET layout = 'Sections' WHERE layout = '';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "prominent_problems");

            migrationBuilder.DropColumn(
                name: "aging_equipment",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "high_risk_equipment",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "layout",
                table: "dispatch_templates");
        }
    }
}
