using System;
using System.Collections.Generic;
using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Foundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:ltree", ",,");

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    action = table.Column<string>(type: "text", nullable: false),
                    entity_type = table.Column<string>(type: "text", nullable: true),
                    entity_id = table.Column<string>(type: "text", nullable: true),
                    before = table.Column<string>(type: "jsonb", nullable: true),
                    after = table.Column<string>(type: "jsonb", nullable: true),
                    ip_address = table.Column<string>(type: "text", nullable: true),
                    detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "calendar_days",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    note = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_days", x => x.date);
                });

            migrationBuilder.CreateTable(
                name: "jurisdictions",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    parent_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    note = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jurisdictions", x => x.code);
                    table.ForeignKey(
                        name: "fk_jurisdictions_jurisdictions_parent_code",
                        column: x => x.parent_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "roles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    chinese_name = table.Column<string>(type: "text", nullable: true),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sectors",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    parent_code = table.Column<string>(type: "text", nullable: true),
                    high_risk = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    default_lead_department = table.Column<string>(type: "text", nullable: true),
                    note = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sectors", x => x.code);
                    table.ForeignKey(
                        name: "fk_sectors_sectors_parent_code",
                        column: x => x.parent_code,
                        principalTable: "sectors",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "security_policy",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    min_password_length = table.Column<int>(type: "integer", nullable: false),
                    min_character_classes = table.Column<int>(type: "integer", nullable: false),
                    lockout_threshold = table.Column<int>(type: "integer", nullable: false),
                    lockout_minutes = table.Column<int>(type: "integer", nullable: false),
                    idle_timeout_minutes = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_security_policy", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "standards",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    issuer = table.Column<string>(type: "text", nullable: true),
                    doc_number = table.Column<string>(type: "text", nullable: true),
                    year = table.Column<int>(type: "integer", nullable: true),
                    sector_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    note = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_standards", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "units",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    jurisdiction_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    department_type = table.Column<string>(type: "text", nullable: true),
                    sector_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    disabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_units", x => x.id);
                    table.ForeignKey(
                        name: "fk_units_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_claims_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sector_leads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    jurisdiction_code = table.Column<string>(type: "character varying(12)", nullable: false),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    sector_code = table.Column<string>(type: "text", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sector_leads", x => x.id);
                    table.ForeignKey(
                        name: "fk_sector_leads_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sector_leads_sectors_sector_code",
                        column: x => x.sector_code,
                        principalTable: "sectors",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sector_leads_units_department_id",
                        column: x => x.department_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "enterprises",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    jurisdiction_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    sector_code = table.Column<string>(type: "text", nullable: false),
                    high_risk = table.Column<bool>(type: "boolean", nullable: false),
                    supervising_level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    address = table.Column<string>(type: "text", nullable: true),
                    legal_representative = table.Column<string>(type: "text", nullable: true),
                    contact_phone = table.Column<string>(type: "text", nullable: true),
                    park_id = table.Column<Guid>(type: "uuid", nullable: true),
                    accident_prone = table.Column<bool>(type: "boolean", nullable: false),
                    disabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true, computedColumnSql: "id", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enterprises", x => x.id);
                    table.ForeignKey(
                        name: "fk_enterprises_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enterprises_sectors_sector_code",
                        column: x => x.sector_code,
                        principalTable: "sectors",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "places",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    jurisdiction_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    path = table.Column<string>(type: "ltree", nullable: false),
                    sector_code = table.Column<string>(type: "text", nullable: false),
                    address = table.Column<string>(type: "text", nullable: true),
                    is_park = table.Column<bool>(type: "boolean", nullable: false),
                    capacity_kw = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    disabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_places", x => x.id);
                    table.ForeignKey(
                        name: "fk_places_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_places_jurisdictions_jurisdiction_code",
                        column: x => x.jurisdiction_code,
                        principalTable: "jurisdictions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_places_sectors_sector_code",
                        column: x => x.sector_code,
                        principalTable: "sectors",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    display_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    disabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_sign_in_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                    table.CheckConstraint("ck_users_one_binding", "num_nonnulls(unit_id, enterprise_id) = 1");
                    table.ForeignKey(
                        name: "fk_users_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_users_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_claims_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_user_logins_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_roles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_user_roles_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_roles_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_user_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_actor_at",
                table: "audit_log",
                columns: new[] { "actor", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_jurisdiction_code",
                table: "enterprises",
                column: "jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_name",
                table: "enterprises",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_park_id",
                table: "enterprises",
                column: "park_id");

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_path",
                table: "enterprises",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_sector_code",
                table: "enterprises",
                column: "sector_code");

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_uscc",
                table: "enterprises",
                column: "uscc",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_jurisdictions_parent_code",
                table: "jurisdictions",
                column: "parent_code");

            migrationBuilder.CreateIndex(
                name: "ix_jurisdictions_path",
                table: "jurisdictions",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_places_enterprise_id",
                table: "places",
                column: "enterprise_id");

            migrationBuilder.CreateIndex(
                name: "ix_places_jurisdiction_code",
                table: "places",
                column: "jurisdiction_code");

            migrationBuilder.CreateIndex(
                name: "ix_places_path",
                table: "places",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_places_sector_code",
                table: "places",
                column: "sector_code");

            migrationBuilder.CreateIndex(
                name: "ix_role_claims_role_id",
                table: "role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "role_name_index",
                table: "roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sector_leads_department_id",
                table: "sector_leads",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_sector_leads_jurisdiction_code_sector_code_department_id",
                table: "sector_leads",
                columns: new[] { "jurisdiction_code", "sector_code", "department_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sector_leads_path",
                table: "sector_leads",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_sector_leads_sector_code",
                table: "sector_leads",
                column: "sector_code");

            migrationBuilder.CreateIndex(
                name: "ix_sectors_parent_code",
                table: "sectors",
                column: "parent_code");

            migrationBuilder.CreateIndex(
                name: "ix_units_jurisdiction_code_name",
                table: "units",
                columns: new[] { "jurisdiction_code", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_units_path",
                table: "units",
                column: "path")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_user_claims_user_id",
                table: "user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_logins_user_id",
                table: "user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_roles_role_id",
                table: "user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "email_index",
                table: "users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_users_enterprise_id",
                table: "users",
                column: "enterprise_id");

            migrationBuilder.CreateIndex(
                name: "ix_users_unit_id",
                table: "users",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "user_name_index",
                table: "users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_enterprises_places_park_id",
                table: "enterprises",
                column: "park_id",
                principalTable: "places",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // The tenant rule in PostgreSQL (docs/decisions/0004-ltree-and-rls.md).
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION hp_scope_path() RETURNS ltree
                    LANGUAGE sql STABLE PARALLEL SAFE
                    AS $$ SELECT nullif(current_setting('hp.scope_path', true), '')::ltree $$;
                CREATE OR REPLACE FUNCTION hp_scope_enterprise() RETURNS uuid
                    LANGUAGE sql STABLE PARALLEL SAFE
                    AS $$ SELECT nullif(current_setting('hp.enterprise_id', true), '')::uuid $$;
                CREATE OR REPLACE FUNCTION hp_scope_business() RETURNS boolean
                    LANGUAGE sql STABLE PARALLEL SAFE
                    AS $$ SELECT coalesce(current_setting('hp.business', true) = 'on', false) $$;
                """);
            migrationBuilder.Sql("""
                ALTER TABLE jurisdictions ENABLE ROW LEVEL SECURITY;
                ALTER TABLE jurisdictions FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON jurisdictions;
                CREATE POLICY tenant ON jurisdictions USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path())) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE units ENABLE ROW LEVEL SECURITY;
                ALTER TABLE units FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON units;
                CREATE POLICY tenant ON units USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path())) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE sector_leads ENABLE ROW LEVEL SECURITY;
                ALTER TABLE sector_leads FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON sector_leads;
                CREATE POLICY tenant ON sector_leads USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path())) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE enterprises ENABLE ROW LEVEL SECURITY;
                ALTER TABLE enterprises FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON enterprises;
                CREATE POLICY tenant ON enterprises USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
                """);
            migrationBuilder.Sql("""
                ALTER TABLE places ENABLE ROW LEVEL SECURITY;
                ALTER TABLE places FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS tenant ON places;
                CREATE POLICY tenant ON places USING ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise()))) WITH CHECK ((SELECT hp_scope_path()) IS NOT NULL AND path <@ (SELECT hp_scope_path()) AND ((SELECT hp_scope_enterprise()) IS NULL OR enterprise_id = (SELECT hp_scope_enterprise())));
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION hp_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
                END $$;
                DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
                CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                    FOR EACH ROW EXECUTE FUNCTION hp_refuse_change();
                DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
                CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                    FOR EACH STATEMENT EXECUTE FUNCTION hp_refuse_change();
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION hp_user_roles_separation() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    admin_roles constant text[] := ARRAY['SystemAdmin', 'SecurityAdmin', 'Auditor'];
                    new_is_admin boolean;
                BEGIN
                    PERFORM pg_advisory_xact_lock(hashtext('user_roles:' || NEW.user_id::text));
                    SELECT r.name = ANY (admin_roles) INTO new_is_admin FROM roles r WHERE r.id = NEW.role_id;
                    IF EXISTS (
                        SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                        WHERE ur.user_id = NEW.user_id AND ur.role_id <> NEW.role_id
                          AND (new_is_admin OR r.name = ANY (admin_roles))) THEN
                        RAISE EXCEPTION 'separation of duties: an administrative role cannot share an account'
                            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_user_roles_separation';
                    END IF;
                    RETURN NEW;
                END $$;
                DROP TRIGGER IF EXISTS user_roles_separation ON user_roles;
                CREATE TRIGGER user_roles_separation BEFORE INSERT OR UPDATE ON user_roles
                    FOR EACH ROW EXECUTE FUNCTION hp_user_roles_separation();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_enterprises_jurisdictions_jurisdiction_code",
                table: "enterprises");

            migrationBuilder.DropForeignKey(
                name: "fk_places_jurisdictions_jurisdiction_code",
                table: "places");

            migrationBuilder.DropForeignKey(
                name: "fk_enterprises_places_park_id",
                table: "enterprises");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "calendar_days");

            migrationBuilder.DropTable(
                name: "role_claims");

            migrationBuilder.DropTable(
                name: "sector_leads");

            migrationBuilder.DropTable(
                name: "security_policy");

            migrationBuilder.DropTable(
                name: "standards");

            migrationBuilder.DropTable(
                name: "user_claims");

            migrationBuilder.DropTable(
                name: "user_logins");

            migrationBuilder.DropTable(
                name: "user_roles");

            migrationBuilder.DropTable(
                name: "user_tokens");

            migrationBuilder.DropTable(
                name: "roles");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "units");

            migrationBuilder.DropTable(
                name: "jurisdictions");

            migrationBuilder.DropTable(
                name: "places");

            migrationBuilder.DropTable(
                name: "enterprises");

            migrationBuilder.DropTable(
                name: "sectors");
        }
    }
}
