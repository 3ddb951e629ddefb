using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Mfa : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "mfa_last_step",
                table: "users",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "mfa_recovery_hashes",
                table: "users",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "mfa_secret",
                table: "users",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "require_mfa_for_administrators",
                table: "security_policy",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "require_mfa_for_offices",
                table: "security_policy",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "mfa_last_step",
                table: "users");

            migrationBuilder.DropColumn(
                name: "mfa_recovery_hashes",
                table: "users");

            migrationBuilder.DropColumn(
                name: "mfa_secret",
                table: "users");

            migrationBuilder.DropColumn(
                name: "require_mfa_for_administrators",
                table: "security_policy");

            migrationBuilder.DropColumn(
                name: "require_mfa_for_offices",
                table: "security_policy");
        }
    }
}
