using System;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    link = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    hazard_id = table.Column<Guid>(type: "uuid", nullable: true),
                    form_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dedupe_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_path",
                table: "notifications",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_user_id_created_at",
                table: "notifications",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_user_id_dedupe_key",
                table: "notifications",
                columns: new[] { "user_id", "dedupe_key" },
                unique: true);

            // Each user's notifications are business rows of the user's node (and enterprise), under row security.
            migrationBuilder.Sql("""
                ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
                ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON notifications;
                CREATE POLICY tenant ON notifications USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notifications");
        }
    }
}
