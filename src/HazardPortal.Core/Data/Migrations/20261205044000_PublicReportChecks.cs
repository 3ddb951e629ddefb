using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublicReportChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "check_assigned_by",
                table: "public_reports",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "check_assigned_on",
                table: "public_reports",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "check_due_on",
                table: "public_reports",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "check_findings",
                table: "public_reports",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "check_replied_by",
                table: "public_reports",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "check_replied_on",
                table: "public_reports",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "check_township_code",
                table: "public_reports",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "check_township_name",
                table: "public_reports",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "intake_token",
                table: "public_reports",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "from_check",
                table: "public_report_photos",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_public_reports_intake_token",
                table: "public_reports",
                column: "intake_token",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_public_reports_intake_token",
                table: "public_reports");

            migrationBuilder.DropColumn(
                name: "check_assigned_by",
                table: "public_reports");

            migrationBuilder.DropColumn(
                name: "check_assigned_on",
                table: "public_reports");

            migrationBuilder.DropColumn(
                name: "check_due_on",
                table: "public_reports");

            migrationBuilder.DropColumn(
                name: "check_findings",
                table: "public_reports");

            migrationBuilder.DropColumn(
                name: "check_replied_by",
                table: "public_reports");

            migrationBuilder.DropColumn(
                name: "check_replied_on",
                table: "public_reports");

            migrationBuilder.DropColumn(
                name: "check_township_code",
                table: "public_reports");

            migrationBuilder.DropColumn(
                name: "check_township_name",
                table: "public_reports");

            migrationBuilder.DropColumn(
                name: "intake_token",
                table: "public_reports");

            migrationBuilder.DropColumn(
                name: "from_check",
                table: "public_report_photos");
        }
    }
}
