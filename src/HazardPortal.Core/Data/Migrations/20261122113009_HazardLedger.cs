using System;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class HazardLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hazards",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    place_id = table.Column<Guid>(type: "uuid", nullable: true),
                    jurisdiction_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    location = table.Column<string>(type: "text", nullable: true),
                    sector_code = table.Column<string>(type: "text", nullable: false),
                    grade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    basis_standard_code = table.Column<string>(type: "text", nullable: true),
                    basis_clause = table.Column<string>(type: "text", nullable: true),
                    found_on = table.Column<DateOnly>(type: "date", nullable: false),
                    found_by = table.Column<string>(type: "text", nullable: false),
                    immediate = table.Column<bool>(type: "boolean", nullable: false),
                    plan_responsible_person = table.Column<string>(type: "text", nullable: true),
                    plan_measures = table.Column<string>(type: "text", nullable: true),
                    plan_funds = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    plan_deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    plan_emergency_plan = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reported_on = table.Column<DateOnly>(type: "date", nullable: true),
                    reported_to_workers_congress = table.Column<bool>(type: "boolean", nullable: false),
                    rectified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    rectification_description = table.Column<string>(type: "text", nullable: true),
                    rectified_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    verified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    acceptor_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    acceptor = table.Column<string>(type: "text", nullable: true),
                    supervision_level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    supervision_unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    supervision_unit_name = table.Column<string>(type: "text", nullable: true),
                    supervision_tagged_on = table.Column<DateOnly>(type: "date", nullable: true),
                    supervision_deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    supervision_removed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    void_reason = table.Column<string>(type: "text", nullable: true),
                    other_found = table.Column<bool>(type: "boolean", nullable: false),
                    registered_by_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    registered_by_unit_name = table.Column<string>(type: "text", nullable: false),
                    registered_by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    idempotency_key = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hazards", x => x.id);
                    table.CheckConstraint("ck_hazards_one_subject", "num_nonnulls(enterprise_id, place_id) = 1");
                    table.ForeignKey(
                        name: "fk_hazards_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_hazards_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_hazards_sectors_sector_code",
                        column: x => x.sector_code,
                        principalTable: "sectors",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_hazards_standards_basis_standard_code",
                        column: x => x.basis_standard_code,
                        principalTable: "standards",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hazard_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    hazard_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    actor_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    actor_name = table.Column<string>(type: "text", nullable: false),
                    unit_name = table.Column<string>(type: "text", nullable: false),
                    note = table.Column<string>(type: "text", nullable: true),
                    before = table.Column<string>(type: "text", nullable: true),
                    after = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hazard_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_hazard_events_hazards_hazard_id",
                        column: x => x.hazard_id,
                        principalTable: "hazards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hazard_photos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    hazard_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    content_type = table.Column<string>(type: "text", nullable: false),
                    size = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    captured_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by_user_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hazard_photos", x => x.id);
                    table.ForeignKey(
                        name: "fk_hazard_photos_hazards_hazard_id",
                        column: x => x.hazard_id,
                        principalTable: "hazards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hazard_routes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    hazard_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_name = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hazard_routes", x => x.id);
                    table.ForeignKey(
                        name: "fk_hazard_routes_hazards_hazard_id",
                        column: x => x.hazard_id,
                        principalTable: "hazards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_hazard_routes_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_hazard_events_hazard_id_sequence",
                table: "hazard_events",
                columns: new[] { "hazard_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_hazard_events_path",
                table: "hazard_events",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_hazard_photos_hazard_id",
                table: "hazard_photos",
                column: "hazard_id");

            migrationBuilder.CreateIndex(
                name: "ix_hazard_photos_path",
                table: "hazard_photos",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_hazard_routes_hazard_id",
                table: "hazard_routes",
                column: "hazard_id");

            migrationBuilder.CreateIndex(
                name: "ix_hazard_routes_path",
                table: "hazard_routes",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_hazard_routes_unit_id_hazard_id",
                table: "hazard_routes",
                columns: new[] { "unit_id", "hazard_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hazards_basis_standard_code",
                table: "hazards",
                column: "basis_standard_code");

            migrationBuilder.CreateIndex(
                name: "ix_hazards_enterprise_id_status",
                table: "hazards",
                columns: new[] { "enterprise_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_hazards_found_on_id",
                table: "hazards",
                columns: new[] { "found_on", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_hazards_path",
                table: "hazards",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_hazards_place_id_status",
                table: "hazards",
                columns: new[] { "place_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_hazards_registered_by_user_id_idempotency_key",
                table: "hazards",
                columns: new[] { "registered_by_user_id", "idempotency_key" },
                unique: true,
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_hazards_sector_code",
                table: "hazards",
                column: "sector_code");

            migrationBuilder.Sql("""
                ALTER TABLE hazards ENABLE ROW LEVEL SECURITY;
                ALTER TABLE hazards FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON hazards;
                CREATE POLICY tenant ON hazards USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hazard_events");

            migrationBuilder.DropTable(
                name: "hazard_photos");

            migrationBuilder.DropTable(
                name: "hazard_routes");

            migrationBuilder.DropTable(
                name: "hazards");
        }
    }
}
