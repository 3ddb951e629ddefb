using System;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CampaignPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "campaign_phases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_code = table.Column<string>(type: "character varying(20)", nullable: false),
                    issuer_jurisdiction_code = table.Column<string>(type: "character varying(12)", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_phases", x => x.id);
                    table.ForeignKey(
                        name: "fk_campaign_phases_campaigns_campaign_code",
                        column: x => x.campaign_code,
                        principalTable: "campaigns",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_campaign_phases_jurisdictions_issuer_jurisdiction_code",
                        column: x => x.issuer_jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deliverables",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_code = table.Column<string>(type: "character varying(20)", nullable: false),
                    issuer_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issuer_jurisdiction_code = table.Column<string>(type: "text", nullable: false),
                    issuer_path = table.Column<string>(type: "ltree", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recipients = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deliverables", x => x.id);
                    table.ForeignKey(
                        name: "fk_deliverables_campaigns_campaign_code",
                        column: x => x.campaign_code,
                        principalTable: "campaigns",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_deliverables_units_issuer_unit_id",
                        column: x => x.issuer_unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deliverable_uploads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    deliverable_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    unit_name = table.Column<string>(type: "text", nullable: false),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true, computedColumnSql: "NULL::uuid", stored: true),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "text", nullable: false),
                    size = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    note = table.Column<string>(type: "text", nullable: true),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by = table.Column<string>(type: "text", nullable: false),
                    late = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deliverable_uploads", x => x.id);
                    table.ForeignKey(
                        name: "fk_deliverable_uploads_deliverables_deliverable_id",
                        column: x => x.deliverable_id,
                        principalTable: "deliverables",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_phases_campaign_code_issuer_jurisdiction_code_star~",
                table: "campaign_phases",
                columns: new[] { "campaign_code", "issuer_jurisdiction_code", "starts_on" });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_phases_issuer_jurisdiction_code",
                table: "campaign_phases",
                column: "issuer_jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_deliverable_uploads_deliverable_id_unit_key",
                table: "deliverable_uploads",
                columns: new[] { "deliverable_id", "unit_key" });

            migrationBuilder.CreateIndex(
                name: "ix_deliverable_uploads_path",
                table: "deliverable_uploads",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_deliverables_campaign_code_issuer_jurisdiction_code",
                table: "deliverables",
                columns: new[] { "campaign_code", "issuer_jurisdiction_code" });

            migrationBuilder.CreateIndex(
                name: "ix_deliverables_issuer_unit_id",
                table: "deliverables",
                column: "issuer_unit_id");

            // Uploads are business rows of the uploading unit's node; phases and deliverables are organisation data.
            migrationBuilder.Sql("""
                ALTER TABLE deliverable_uploads ENABLE ROW LEVEL SECURITY;
                ALTER TABLE deliverable_uploads FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON deliverable_uploads;
                CREATE POLICY tenant ON deliverable_uploads USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_phases");

            migrationBuilder.DropTable(
                name: "deliverable_uploads");

            migrationBuilder.DropTable(
                name: "deliverables");
        }
    }
}
