using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class HazardNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hazard_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    period_from = table.Column<DateOnly>(type: "date", nullable: false),
                    period_to = table.Column<DateOnly>(type: "date", nullable: false),
                    open_count = table.Column<int>(type: "integer", nullable: false),
                    rectified_count = table.Column<int>(type: "integer", nullable: false),
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
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Lines = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hazard_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_hazard_notices_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_hazard_notices_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_hazard_notices_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_hazard_notices_county_code_on",
                table: "hazard_notices",
                columns: new[] { "county_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_hazard_notices_enterprise_id_on",
                table: "hazard_notices",
                columns: new[] { "enterprise_id", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_hazard_notices_jurisdiction_code",
                table: "hazard_notices",
                column: "jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_hazard_notices_path",
                table: "hazard_notices",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_hazard_notices_place_id",
                table: "hazard_notices",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_hazard_notices_township_code_on",
                table: "hazard_notices",
                columns: new[] { "township_code", "on" });

            // The tenant rule in PostgreSQL, as for every enterprise record (the drills' policy, written out).
            migrationBuilder.Sql("""
                ALTER TABLE hazard_notices ENABLE ROW LEVEL SECURITY;
                ALTER TABLE hazard_notices FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON hazard_notices;
                CREATE POLICY tenant ON hazard_notices USING (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false)) WITH CHECK (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hazard_notices");
        }
    }
}
