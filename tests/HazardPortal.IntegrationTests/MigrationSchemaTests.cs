using System.Text;
using HazardPortal.Core.Data;
using HazardPortal.Core.Tenancy;
using HazardPortal.IntegrationTests.Golden;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Migrations never change (issue #15 §4): each carries the SQL it ran as text, so the schema that all migrations
/// build on an empty database is fixed. This test builds it and compares (1) every table and column of the EF
/// model with the database, nullability included, and (2) the whole schema — columns and types, row security,
/// policies, triggers, functions (by a digest of their definition) and indexes — with the checked-in
/// <c>Golden/schema.txt</c>. Editing live code can no longer alter what an old migration does; a new migration
/// shows up here as a reviewed change of the expectation.
/// </summary>
public class MigrationSchemaTests(MigrationSchemaTests.App app) : IClassFixture<MigrationSchemaTests.App>
{
    public sealed class App : PortalApp;

    [Fact]
    public async Task All_migrations_on_an_empty_database_build_the_model_and_the_expected_sql_objects()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = await app.Cluster.CreateEmptyDatabaseAsync("schema");
        var owner = app.Cluster.ConnectionString(name, owner: true);
        await DatabaseSetup.MigrateAsync(owner, ct);

        await using var conn = new NpgsqlConnection(owner);
        await conn.OpenAsync(ct);
        async Task<List<string[]>> Rows(string sql)
        {
            await using var command = new NpgsqlCommand(sql, conn);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<string[]>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToArray());
            }

            return rows;
        }

        var columns = await Rows("""
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attname
            """);

        // (1) The model: every mapped table and column exists with the model's nullability; a model table has no column the model lacks.
        await using var db = DatabaseSetup.Open(app.AppConnection, AccessScope.System("test"));
        var model = new Dictionary<(string Table, string Column), bool>();
        var sqlColumns = new HashSet<(string, string)>
        {
            ("audit_log", "chain_seq"), ("audit_log", "chain_hash"), // the hash chain, written by migration AuditChain's trigger
        };
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            if (entity.IsMappedToJson())
            {
                sqlColumns.Add((table.Name, entity.GetContainerColumnName()!)); // an owned collection stored as one jsonb column
                continue;
            }

            foreach (var property in entity.GetProperties().Where(p => p.GetColumnName(table) != "xmin")) // xmin is PostgreSQL's system column (the concurrency token)
            {
                if (property.GetColumnName(table) is { } column)
                {
                    model[(table.Name, column)] = property.IsColumnNullable(table);
                }
            }
        }

        var modelTables = model.Keys.Select(k => k.Table).ToHashSet();
        var database = columns.ToDictionary(r => (r[0], r[1]), r => r[3] == "false");
        var problems = new List<string>();
        foreach (var (key, nullable) in model)
        {
            if (!database.TryGetValue(key, out var dbNullable))
            {
                problems.Add($"model column {key.Table}.{key.Column} is missing");
            }
            else if (dbNullable != nullable)
            {
                problems.Add($"{key.Table}.{key.Column}: model nullable={nullable}, database nullable={dbNullable}");
            }
        }

        problems.AddRange(database.Keys.Where(k => modelTables.Contains(k.Item1) && !model.ContainsKey(k) && !sqlColumns.Contains(k)).Select(k => $"database column {k.Item1}.{k.Item2} is not in the model"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // (2) The whole schema against the expectation; tables outside the model are the SQL-owned ones (aggregates, EF history).
        var text = new StringBuilder();
        foreach (var table in columns.GroupBy(r => r[0]))
        {
            text.AppendLine($"table {table.Key}{(modelTables.Contains(table.Key) ? string.Empty : " (sql)")}");
            foreach (var c in table)
            {
                text.AppendLine($"  {c[1]} {c[2]}{(c[3] == "true" ? " not null" : string.Empty)}");
            }
        }

        foreach (var r in await Rows("""
            SELECT c.relname, c.relrowsecurity::text, c.relforcerowsecurity::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity ORDER BY 1
            """))
        {
            text.AppendLine($"row security {r[0]}{(r[2] == "true" ? " forced" : string.Empty)}");
        }

        foreach (var r in await Rows("SELECT tablename, policyname, cmd, array_to_string(roles, ','), coalesce(qual, ''), coalesce(with_check, '') FROM pg_policies WHERE schemaname = 'public' ORDER BY 1, 2"))
        {
            text.AppendLine($"policy {r[0]}.{r[1]} {r[2]} to {r[3]}: using ({r[4]}) check ({r[5]})");
        }

        foreach (var r in await Rows("SELECT t.tgrelid::regclass::text, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT t.tgisinternal ORDER BY 1, 2"))
        {
            text.AppendLine($"trigger {r[0]}.{r[1]}: {r[2]}");
        }

        foreach (var r in await Rows("""
            SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', md5(pg_get_functiondef(p.oid))
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
            ORDER BY 1
            """))
        {
            text.AppendLine($"function {r[0]} md5 {r[1]}");
        }

        foreach (var r in await Rows("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"))
        {
            text.AppendLine($"index {r[0]}: {r[1]}");
        }

        foreach (var r in await Rows("SELECT extname FROM pg_extension ORDER BY 1"))
        {
            text.AppendLine($"extension {r[0]}");
        }

        GoldenFile.AssertMatches("schema", text.ToString());
    }
}
