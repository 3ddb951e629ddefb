using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class InspectionListFilings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inspection_list_filings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_key = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    unit_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    rows = table.Column<int>(type: "integer", nullable: false),
                    late = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_list_filings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_list_filings_path",
                table: "inspection_list_filings",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_list_filings_unit_key_period",
                table: "inspection_list_filings",
                columns: new[] { "unit_key", "period" },
                unique: true);

            // The tenant rule, as the SQL it ran: a township's row is seen in its own subtree and by the offices above.
            migrationBuilder.Sql("""
                ALTER TABLE inspection_list_filings ENABLE ROW LEVEL SECURITY;
                ALTER TABLE inspection_list_filings FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON inspection_list_filings;
                CREATE POLICY tenant ON inspection_list_filings
                    USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()))
                    WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inspection_list_filings");
        }
    }
}
