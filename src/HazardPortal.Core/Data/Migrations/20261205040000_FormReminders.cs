using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class FormReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "form_reminders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    template_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    cutoff_day = table.Column<int>(type: "integer", nullable: false),
                    unit_key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    unit_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    reminded_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reminded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reminded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    notified = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_form_reminders", x => x.id);
                    table.ForeignKey(
                        name: "fk_form_reminders_dispatch_templates_template_code",
                        column: x => x.template_code,
                        principalTable: "dispatch_templates",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_form_reminders_path",
                table: "form_reminders",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_form_reminders_template_code_period_cutoff_day_unit_key_rem~",
                table: "form_reminders",
                columns: new[] { "template_code", "period", "cutoff_day", "unit_key", "reminded_on" },
                unique: true);

            // The tenant rule, as the SQL it ran (not a call to today's helper: a migration never changes).
            migrationBuilder.Sql("""
                ALTER TABLE form_reminders ENABLE ROW LEVEL SECURITY;
                ALTER TABLE form_reminders FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON form_reminders;
                CREATE POLICY tenant ON form_reminders
                    USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()))
                    WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "form_reminders");
        }
    }
}
