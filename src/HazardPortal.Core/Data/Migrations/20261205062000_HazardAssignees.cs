using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class HazardAssignees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "accepting_person",
                table: "hazards",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "accepting_unit",
                table: "hazards",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "accepting_unit_id",
                table: "hazards",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "responsible_department",
                table: "hazards",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "responsible_department_id",
                table: "hazards",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "accepting_person",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "accepting_unit",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "accepting_unit_id",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "responsible_department",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "responsible_department_id",
                table: "hazards");
        }
    }
}
