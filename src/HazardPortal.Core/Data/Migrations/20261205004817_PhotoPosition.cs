using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PhotoPosition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "latitude",
                table: "public_report_photos",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "longitude",
                table: "public_report_photos",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "taken_at",
                table: "public_report_photos",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "latitude",
                table: "hazard_photos",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "longitude",
                table: "hazard_photos",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "taken_at",
                table: "hazard_photos",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "latitude",
                table: "public_report_photos");

            migrationBuilder.DropColumn(
                name: "longitude",
                table: "public_report_photos");

            migrationBuilder.DropColumn(
                name: "taken_at",
                table: "public_report_photos");

            migrationBuilder.DropColumn(
                name: "latitude",
                table: "hazard_photos");

            migrationBuilder.DropColumn(
                name: "longitude",
                table: "hazard_photos");

            migrationBuilder.DropColumn(
                name: "taken_at",
                table: "hazard_photos");
        }
    }
}
