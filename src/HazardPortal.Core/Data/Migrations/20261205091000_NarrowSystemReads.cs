using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HazardPortal.Core.Data.Migrations
{
    /// <summary>
    /// Issue #15 §6: the whole-tree system scope is for jobs and the public-report intake only. What a request path
    /// needs from outside its user's subtree is read through one narrow function each, which widens the scope for its
    /// own duration only and returns only what the rule needs:
    /// <list type="bullet">
    /// <item><c>hp_user_binding</c> — the one unit or enterprise a signing-in user is bound to, with its jurisdiction;</item>
    /// <item><c>hp_lead_departments</c> and <c>hp_route_units</c> — 分级属地: a sector's lead departments at a node (else its
    /// 安委办), and the units a subject's hazard is routed to (the lead departments at its supervising level, its township);</item>
    /// <item><c>hp_issuance_graph</c> — who issues which template to whom (SPEC §6), with the issuers' names.</item>
    /// </list>
    /// The rules are written here once; the C# callers only call them (docs/decisions/0016-narrow-system-reads.md).
    /// </summary>
    public partial class NarrowSystemReads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // PostgreSQL 15 lets only a superuser attach a custom setting to a function (CREATE FUNCTION … SET hp.scope_path),
            // so each function widens the scope itself and puts it back before it returns (set_config local to the
            // transaction; an error aborts the transaction, which discards it too). RETURN QUERY runs its query there and then.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION hp_user_binding(uid uuid)
                RETURNS TABLE (unit_id uuid, unit_name text, unit_kind text, jurisdiction_code text, path text, enterprise_id uuid,
                               sectors text[], jurisdiction_name text, jurisdiction_level text)
                LANGUAGE plpgsql VOLATILE
                AS $$
                DECLARE
                    saved_path text := coalesce(current_setting('hp.scope_path', true), '');
                    saved_firm text := coalesce(current_setting('hp.enterprise_id', true), '');
                BEGIN
                    PERFORM set_config('hp.scope_path', '000000000000', true), set_config('hp.enterprise_id', '', true);
                    RETURN QUERY
                        SELECT e.id, e.name::text, 'Enterprise'::text, e.jurisdiction_code::text, e.path::text, e.id, ARRAY[]::text[], j.name::text, j.level::text
                          FROM users u JOIN enterprises e ON e.id = u.enterprise_id JOIN jurisdictions j ON j.code = e.jurisdiction_code
                         WHERE u.id = uid
                        UNION ALL
                        SELECT n.id, n.name::text, n.kind::text, n.jurisdiction_code::text, n.path::text, NULL::uuid, n.sector_codes, j.name::text, j.level::text
                          FROM users u JOIN units n ON n.id = u.unit_id JOIN jurisdictions j ON j.code = n.jurisdiction_code
                         WHERE u.id = uid AND u.enterprise_id IS NULL;
                    PERFORM set_config('hp.scope_path', saved_path, true), set_config('hp.enterprise_id', saved_firm, true);
                END
                $$;

                CREATE OR REPLACE FUNCTION hp_lead_departments(node text, sector text)
                RETURNS TABLE (unit_id uuid, unit_name text)
                LANGUAGE plpgsql VOLATILE
                AS $$
                DECLARE
                    saved_path text := coalesce(current_setting('hp.scope_path', true), '');
                    saved_firm text := coalesce(current_setting('hp.enterprise_id', true), '');
                BEGIN
                    PERFORM set_config('hp.scope_path', '000000000000', true), set_config('hp.enterprise_id', '', true);
                    RETURN QUERY
                        WITH codes AS (
                            SELECT sector AS code, 0 AS rank
                            UNION ALL
                            SELECT s.parent_code, 1 FROM sectors s WHERE s.code = sector AND s.parent_code IS NOT NULL),
                        leads AS (
                            SELECT u.id, u.name::text AS name, c.rank
                              FROM sector_leads l JOIN codes c ON c.code = l.sector_code JOIN units u ON u.id = l.department_id
                             WHERE l.jurisdiction_code = node),
                        chosen AS (
                            SELECT DISTINCT leads.id, leads.name FROM leads WHERE leads.rank = (SELECT min(rank) FROM leads))
                        SELECT found.id, found.name FROM (
                            SELECT chosen.id, chosen.name FROM chosen
                            UNION ALL
                            SELECT u.id, u.name::text FROM units u
                             WHERE u.jurisdiction_code = node AND u.kind = 'SafetyOffice' AND NOT EXISTS (SELECT 1 FROM chosen)) found
                        ORDER BY found.id;
                    PERFORM set_config('hp.scope_path', saved_path, true), set_config('hp.enterprise_id', saved_firm, true);
                END
                $$;

                CREATE OR REPLACE FUNCTION hp_route_units(subject ltree, sector text, enterprise uuid)
                RETURNS TABLE (unit_id uuid, unit_name text, route_kind text)
                LANGUAGE plpgsql VOLATILE
                AS $$
                DECLARE
                    saved_path text := coalesce(current_setting('hp.scope_path', true), '');
                    saved_firm text := coalesce(current_setting('hp.enterprise_id', true), '');
                    levels text[] := ARRAY['Province', 'Prefecture', 'County'];
                    wanted int;
                    node text;
                BEGIN
                    PERFORM set_config('hp.scope_path', '000000000000', true), set_config('hp.enterprise_id', '', true);
                    wanted := coalesce(array_position(levels, (SELECT e.supervising_level::text FROM enterprises e WHERE e.id = enterprise)), 3);
                    -- The subject's ancestor at the supervising level, or the nearest above it (Chongqing's counties sit under
                    -- a statistical grouping, not a prefecture government).
                    SELECT j.code INTO node FROM jurisdictions j
                     WHERE j.path @> subject AND array_position(levels, j.level::text) <= wanted
                     ORDER BY array_position(levels, j.level::text) DESC LIMIT 1;
                    IF node IS NOT NULL THEN
                        RETURN QUERY SELECT d.unit_id, d.unit_name, 'LeadDepartment'::text FROM hp_lead_departments(node, sector) d;
                    END IF;
                    RETURN QUERY
                        SELECT u.id, u.name::text, 'Township'::text
                          FROM units u JOIN jurisdictions j ON j.code = u.jurisdiction_code
                         WHERE j.path @> subject AND j.level = 'Township' AND u.kind = 'Government'
                         ORDER BY u.id LIMIT 1;
                    PERFORM set_config('hp.scope_path', saved_path, true), set_config('hp.enterprise_id', saved_firm, true);
                END
                $$;

                CREATE OR REPLACE FUNCTION hp_issuance_graph()
                RETURNS TABLE (id uuid, template_code text, issuer_unit_id uuid, issuer_name text, issuer_jurisdiction_code text,
                               path text, recipients text, cutoff_days integer[])
                LANGUAGE plpgsql VOLATILE
                AS $$
                DECLARE
                    saved_path text := coalesce(current_setting('hp.scope_path', true), '');
                    saved_firm text := coalesce(current_setting('hp.enterprise_id', true), '');
                BEGIN
                    PERFORM set_config('hp.scope_path', '000000000000', true), set_config('hp.enterprise_id', '', true);
                    RETURN QUERY
                        SELECT i.id, i.template_code::text, i.issuer_unit_id, coalesce(u.name::text, ''), i.issuer_jurisdiction_code::text,
                               i.path::text, i.recipients::text, i.cutoff_days
                          FROM dispatch_issues i LEFT JOIN units u ON u.id = i.issuer_unit_id
                         ORDER BY i.path, i.template_code;
                    PERFORM set_config('hp.scope_path', saved_path, true), set_config('hp.enterprise_id', saved_firm, true);
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS hp_issuance_graph();
                DROP FUNCTION IF EXISTS hp_route_units(ltree, text, uuid);
                DROP FUNCTION IF EXISTS hp_lead_departments(text, text);
                DROP FUNCTION IF EXISTS hp_user_binding(uuid);
                """);
        }
    }
}
