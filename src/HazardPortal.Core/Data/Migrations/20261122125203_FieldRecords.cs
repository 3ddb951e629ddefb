using System;
using System.Collections.Generic;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class FieldRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    plan_title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    commitment_due_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaigns", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "drills",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    scenario = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    participants = table.Column<int>(type: "integer", nullable: false),
                    notes = table.Column<string>(type: "text", nullable: true),
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
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_drills", x => x.id);
                    table.ForeignKey(
                        name: "fk_drills_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_drills_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_drills_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    target_jurisdiction_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    deficiencies = table.Column<List<string>>(type: "text[]", nullable: false),
                    hazard_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    notes = table.Column<string>(type: "text", nullable: true),
                    amends_id = table.Column<Guid>(type: "uuid", nullable: true),
                    superseded_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amendment_reason = table.Column<string>(type: "text", nullable: true),
                    frozen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
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
                    inspectors = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspections", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspections_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspections_inspections_amends_id",
                        column: x => x.amends_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspections_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspections_jurisdictions_target_jurisdiction_code",
                        column: x => x.target_jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspections_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "jurisdiction_facts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    media_column = table.Column<bool>(type: "boolean", nullable: false),
                    technical_inspectors = table.Column<int>(type: "integer", nullable: false),
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
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jurisdiction_facts", x => x.id);
                    table.ForeignKey(
                        name: "fk_jurisdiction_facts_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_jurisdiction_facts_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_jurisdiction_facts_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leadership_activities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
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
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leadership_activities", x => x.id);
                    table.ForeignKey(
                        name: "fk_leadership_activities_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leadership_activities_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leadership_activities_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "public_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    query_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    subject_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    reporter_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    reporter_phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    hazard_id = table.Column<Guid>(type: "uuid", nullable: true),
                    dismiss_reason = table.Column<string>(type: "text", nullable: true),
                    triaged_on = table.Column<DateOnly>(type: "date", nullable: true),
                    triaged_by = table.Column<string>(type: "text", nullable: true),
                    updated_on = table.Column<DateOnly>(type: "date", nullable: false),
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
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_public_reports_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_public_reports_hazards_hazard_id",
                        column: x => x.hazard_id,
                        principalTable: "hazards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_public_reports_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_public_reports_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    sector_code = table.Column<string>(type: "text", nullable: false),
                    basic_list = table.Column<bool>(type: "boolean", nullable: false),
                    control_list = table.Column<bool>(type: "boolean", nullable: false),
                    responsibility_list = table.Column<bool>(type: "boolean", nullable: false),
                    emergency_list = table.Column<bool>(type: "boolean", nullable: false),
                    aging_equipment = table.Column<bool>(type: "boolean", nullable: false),
                    high_risk_equipment = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
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
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risks", x => x.id);
                    table.ForeignKey(
                        name: "fk_risks_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_risks_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_risks_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_risks_sectors_sector_code",
                        column: x => x.sector_code,
                        principalTable: "sectors",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "commitment_receipts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_code = table.Column<string>(type: "character varying(20)", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: true),
                    department_name = table.Column<string>(type: "text", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    signed_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    signed_by = table.Column<string>(type: "text", nullable: true),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    signed_on = table.Column<DateOnly>(type: "date", nullable: true),
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
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitment_receipts", x => x.id);
                    table.ForeignKey(
                        name: "fk_commitment_receipts_campaigns_campaign_code",
                        column: x => x.campaign_code,
                        principalTable: "campaigns",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_commitment_receipts_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_commitment_receipts_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_commitment_receipts_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_commitment_receipts_units_department_id",
                        column: x => x.department_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "enforcement_actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    target_jurisdiction_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    document_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    amount_wan = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: true),
                    persons = table.Column<int>(type: "integer", nullable: true),
                    dangerous_operation_crime = table.Column<bool>(type: "boolean", nullable: false),
                    hazard_id = table.Column<Guid>(type: "uuid", nullable: true),
                    inspection_id = table.Column<Guid>(type: "uuid", nullable: true),
                    notes = table.Column<string>(type: "text", nullable: true),
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
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enforcement_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_enforcement_actions_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enforcement_actions_hazards_hazard_id",
                        column: x => x.hazard_id,
                        principalTable: "hazards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enforcement_actions_inspections_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enforcement_actions_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enforcement_actions_jurisdictions_target_jurisdiction_code",
                        column: x => x.target_jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enforcement_actions_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "public_report_photos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    public_report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    content_type = table.Column<string>(type: "text", nullable: false),
                    size = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_report_photos", x => x.id);
                    table.ForeignKey(
                        name: "fk_public_report_photos_public_reports_public_report_id",
                        column: x => x.public_report_id,
                        principalTable: "public_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rewards",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount_wan = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: false),
                    anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    public_report_id = table.Column<Guid>(type: "uuid", nullable: true),
                    notes = table.Column<string>(type: "text", nullable: true),
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
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rewards", x => x.id);
                    table.ForeignKey(
                        name: "fk_rewards_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_rewards_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_rewards_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_rewards_public_reports_public_report_id",
                        column: x => x.public_report_id,
                        principalTable: "public_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_commitment_receipts_campaign_code",
                table: "commitment_receipts",
                column: "campaign_code");

            migrationBuilder.CreateIndex(
                name: "ix_commitment_receipts_county_code_on",
                table: "commitment_receipts",
                columns: new[] { "county_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_commitment_receipts_department_id",
                table: "commitment_receipts",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_commitment_receipts_enterprise_id_campaign_code",
                table: "commitment_receipts",
                columns: new[] { "enterprise_id", "campaign_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commitment_receipts_enterprise_id_on",
                table: "commitment_receipts",
                columns: new[] { "enterprise_id", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_commitment_receipts_jurisdiction_code",
                table: "commitment_receipts",
                column: "jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_commitment_receipts_path",
                table: "commitment_receipts",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_commitment_receipts_place_id",
                table: "commitment_receipts",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_commitment_receipts_township_code_on",
                table: "commitment_receipts",
                columns: new[] { "township_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_drills_county_code_on",
                table: "drills",
                columns: new[] { "county_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_drills_enterprise_id_on",
                table: "drills",
                columns: new[] { "enterprise_id", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_drills_jurisdiction_code",
                table: "drills",
                column: "jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_drills_path",
                table: "drills",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_drills_place_id",
                table: "drills",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_drills_township_code_on",
                table: "drills",
                columns: new[] { "township_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_county_code_on",
                table: "enforcement_actions",
                columns: new[] { "county_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_document_number",
                table: "enforcement_actions",
                column: "document_number");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_enterprise_id_on",
                table: "enforcement_actions",
                columns: new[] { "enterprise_id", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_hazard_id",
                table: "enforcement_actions",
                column: "hazard_id");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_inspection_id",
                table: "enforcement_actions",
                column: "inspection_id");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_jurisdiction_code",
                table: "enforcement_actions",
                column: "jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_path",
                table: "enforcement_actions",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_place_id",
                table: "enforcement_actions",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_prefecture_code_on",
                table: "enforcement_actions",
                columns: new[] { "prefecture_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_province_code_on",
                table: "enforcement_actions",
                columns: new[] { "province_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_target_jurisdiction_code",
                table: "enforcement_actions",
                column: "target_jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_township_code_on",
                table: "enforcement_actions",
                columns: new[] { "township_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_inspections_amends_id",
                table: "inspections",
                column: "amends_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_county_code_on",
                table: "inspections",
                columns: new[] { "county_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_inspections_enterprise_id_on",
                table: "inspections",
                columns: new[] { "enterprise_id", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_inspections_jurisdiction_code",
                table: "inspections",
                column: "jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_path",
                table: "inspections",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_place_id",
                table: "inspections",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_prefecture_code_on",
                table: "inspections",
                columns: new[] { "prefecture_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_inspections_province_code_on",
                table: "inspections",
                columns: new[] { "province_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_inspections_target_jurisdiction_code",
                table: "inspections",
                column: "target_jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_township_code_on",
                table: "inspections",
                columns: new[] { "township_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_jurisdiction_facts_county_code_on",
                table: "jurisdiction_facts",
                columns: new[] { "county_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_jurisdiction_facts_enterprise_id_on",
                table: "jurisdiction_facts",
                columns: new[] { "enterprise_id", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_jurisdiction_facts_jurisdiction_code_on",
                table: "jurisdiction_facts",
                columns: new[] { "jurisdiction_code", "on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_jurisdiction_facts_path",
                table: "jurisdiction_facts",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_jurisdiction_facts_place_id",
                table: "jurisdiction_facts",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_jurisdiction_facts_township_code_on",
                table: "jurisdiction_facts",
                columns: new[] { "township_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_leadership_activities_county_code_on",
                table: "leadership_activities",
                columns: new[] { "county_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_leadership_activities_enterprise_id_on",
                table: "leadership_activities",
                columns: new[] { "enterprise_id", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_leadership_activities_jurisdiction_code",
                table: "leadership_activities",
                column: "jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_leadership_activities_path",
                table: "leadership_activities",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_leadership_activities_place_id",
                table: "leadership_activities",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_leadership_activities_township_code_on",
                table: "leadership_activities",
                columns: new[] { "township_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_public_report_photos_path",
                table: "public_report_photos",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_public_report_photos_public_report_id",
                table: "public_report_photos",
                column: "public_report_id");

            migrationBuilder.CreateIndex(
                name: "ix_public_reports_county_code_on",
                table: "public_reports",
                columns: new[] { "county_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_public_reports_county_code_status",
                table: "public_reports",
                columns: new[] { "county_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_public_reports_enterprise_id_on",
                table: "public_reports",
                columns: new[] { "enterprise_id", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_public_reports_hazard_id",
                table: "public_reports",
                column: "hazard_id");

            migrationBuilder.CreateIndex(
                name: "ix_public_reports_jurisdiction_code",
                table: "public_reports",
                column: "jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_public_reports_path",
                table: "public_reports",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_public_reports_place_id",
                table: "public_reports",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_public_reports_query_code",
                table: "public_reports",
                column: "query_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_public_reports_township_code_on",
                table: "public_reports",
                columns: new[] { "township_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_rewards_county_code_on",
                table: "rewards",
                columns: new[] { "county_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_rewards_enterprise_id_on",
                table: "rewards",
                columns: new[] { "enterprise_id", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_rewards_jurisdiction_code",
                table: "rewards",
                column: "jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_rewards_path",
                table: "rewards",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_rewards_place_id",
                table: "rewards",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_rewards_public_report_id",
                table: "rewards",
                column: "public_report_id");

            migrationBuilder.CreateIndex(
                name: "ix_rewards_township_code_on",
                table: "rewards",
                columns: new[] { "township_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_risks_county_code_on",
                table: "risks",
                columns: new[] { "county_code", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_risks_enterprise_id_on",
                table: "risks",
                columns: new[] { "enterprise_id", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_risks_jurisdiction_code",
                table: "risks",
                column: "jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_risks_path",
                table: "risks",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_risks_place_id",
                table: "risks",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_risks_sector_code",
                table: "risks",
                column: "sector_code");

            migrationBuilder.CreateIndex(
                name: "ix_risks_township_code_on",
                table: "risks",
                columns: new[] { "township_code", "on" });

            // The tenant rule in PostgreSQL for every new scoped table (SPEC §2).
            migrationBuilder.Sql("""
                ALTER TABLE inspections ENABLE ROW LEVEL SECURITY;
                ALTER TABLE inspections FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON inspections;
                CREATE POLICY tenant ON inspections USING (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false)) WITH CHECK (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE enforcement_actions ENABLE ROW LEVEL SECURITY;
                ALTER TABLE enforcement_actions FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON enforcement_actions;
                CREATE POLICY tenant ON enforcement_actions USING (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false)) WITH CHECK (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE leadership_activities ENABLE ROW LEVEL SECURITY;
                ALTER TABLE leadership_activities FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON leadership_activities;
                CREATE POLICY tenant ON leadership_activities USING (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false)) WITH CHECK (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE jurisdiction_facts ENABLE ROW LEVEL SECURITY;
                ALTER TABLE jurisdiction_facts FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON jurisdiction_facts;
                CREATE POLICY tenant ON jurisdiction_facts USING (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false)) WITH CHECK (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE rewards ENABLE ROW LEVEL SECURITY;
                ALTER TABLE rewards FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON rewards;
                CREATE POLICY tenant ON rewards USING (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false)) WITH CHECK (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE public_reports ENABLE ROW LEVEL SECURITY;
                ALTER TABLE public_reports FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON public_reports;
                CREATE POLICY tenant ON public_reports USING (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false)) WITH CHECK (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE drills ENABLE ROW LEVEL SECURITY;
                ALTER TABLE drills FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON drills;
                CREATE POLICY tenant ON drills USING (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false)) WITH CHECK (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE risks ENABLE ROW LEVEL SECURITY;
                ALTER TABLE risks FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON risks;
                CREATE POLICY tenant ON risks USING (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false)) WITH CHECK (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE commitment_receipts ENABLE ROW LEVEL SECURITY;
                ALTER TABLE commitment_receipts FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON commitment_receipts;
                CREATE POLICY tenant ON commitment_receipts USING (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false)) WITH CHECK (COALESCE(((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))), false));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE public_report_photos ENABLE ROW LEVEL SECURITY;
                ALTER TABLE public_report_photos FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON public_report_photos;
                CREATE POLICY tenant ON public_report_photos USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND (SELECT hp_scope_business()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commitment_receipts");

            migrationBuilder.DropTable(
                name: "drills");

            migrationBuilder.DropTable(
                name: "enforcement_actions");

            migrationBuilder.DropTable(
                name: "jurisdiction_facts");

            migrationBuilder.DropTable(
                name: "leadership_activities");

            migrationBuilder.DropTable(
                name: "public_report_photos");

            migrationBuilder.DropTable(
                name: "rewards");

            migrationBuilder.DropTable(
                name: "risks");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropTable(
                name: "public_reports");
        }
    }
}
