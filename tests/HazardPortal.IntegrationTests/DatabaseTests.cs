using HazardPortal.Core;
using HazardPortal.Core.Data;
using HazardPortal.Core.Demo;
using HazardPortal.Core.Identity;
using HazardPortal.Core.ReferenceData;
using HazardPortal.Core.Tenancy;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HazardPortal.IntegrationTests;

public class DatabaseTests(DatabaseTests.App app) : IClassFixture<DatabaseTests.App>
{
    public sealed class App : PortalApp;

    private static readonly string[] AdminRoles = [Roles.SystemAdmin, Roles.SecurityAdmin, Roles.Auditor];

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_import_every_reference_row()
    {
        var name = await app.Cluster.CreateEmptyDatabaseAsync("empty");
        var options = new DatabaseOptions
        {
            Owner = app.Cluster.ConnectionString(name, owner: true),
            App = app.Cluster.ConnectionString(name, owner: false),
        };
        await DatabaseSetup.RunAsync(options, NullLogger.Instance);

        await using var db = DatabaseSetup.Open(options.App, AccessScope.System("test"));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ReferenceDataImporter.Jurisdictions().Count + 1, await db.Jurisdictions.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ReferenceDataImporter.Sectors().Count, await db.Sectors.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ReferenceDataImporter.Standards().Count, await db.Standards.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ReferenceDataImporter.Holidays().Count, await db.CalendarDays.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(Roles.All.Count, await db.Roles.CountAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await db.Users.ToListAsync(TestContext.Current.CancellationToken));

        // Running the setup again changes nothing (idempotent start-up).
        await DatabaseSetup.RunAsync(options, NullLogger.Instance);
        Assert.Equal(ReferenceDataImporter.Jurisdictions().Count + 1, await db.Jurisdictions.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_seed_holds_every_csv_row_with_its_values()
    {
        await using var db = app.SystemDb();
        var ct = TestContext.Current.CancellationToken;
        var jurisdictions = await db.Jurisdictions.ToDictionaryAsync(j => j.Code, ct);
        var paths = ReferenceDataImporter.Paths(ReferenceDataImporter.Jurisdictions());
        foreach (var row in ReferenceDataImporter.Jurisdictions())
        {
            var j = jurisdictions[row.Code];
            Assert.Equal(row.Name, j.Name);
            Assert.Equal(paths[row.Code], j.Path.ToString());
        }

        var sectors = await db.Sectors.ToDictionaryAsync(s => s.Code, ct);
        Assert.All(ReferenceDataImporter.Sectors(), r => Assert.Equal(r.Name, sectors[r.Code].Name));
        var standards = await db.Standards.ToDictionaryAsync(s => s.Code, ct);
        Assert.All(ReferenceDataImporter.Standards(), r => Assert.Equal(r.Title, standards[r.Code].Title));
        var days = await db.CalendarDays.ToDictionaryAsync(d => d.Date, ct);
        Assert.All(ReferenceDataImporter.Holidays(), r => Assert.Equal(r.Name, days[r.Date].Name));
        Assert.Equal(CalendarDayKind.Workday, days[new DateOnly(2023, 6, 25)].Kind);
    }

    [Fact]
    public async Task Demo_enterprises_have_valid_credit_codes_and_a_few_dozen_per_demo_township()
    {
        await using var db = app.SystemDb();
        var enterprises = await db.Enterprises.ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(enterprises, e => Assert.True(CreditCode.IsValid(e.Uscc), e.Uscc));
        foreach (var township in DemoSeeder.DemoTownships)
        {
            var count = enterprises.Count(e => e.Path.ToString().Contains(township, StringComparison.Ordinal));
            Assert.InRange(count, 24, 60);
        }
    }

    [Fact]
    public async Task The_demo_ledger_has_hazards_in_every_status_with_overdue_supervised_and_a_consistent_history()
    {
        await using var db = app.SystemDb();
        var ct = TestContext.Current.CancellationToken;
        var hazards = await db.Hazards.AsNoTracking().ToListAsync(ct);
        var today = Core.Hazards.ChinaTime.Today(TimeProvider.System);
        foreach (var status in Enum.GetValues<Core.Hazards.HazardStatus>())
        {
            Assert.Contains(hazards, h => h.Status == status);
        }

        Assert.Contains(hazards, h => h.IsOverdue(today));
        Assert.Contains(hazards, h => h.Supervision is { RemovedOn: null });
        Assert.Contains(hazards, h => h.Supervision is { RemovedOn: not null });
        Assert.Contains(hazards, h => h.Source == Core.Hazards.HazardSource.SelfInspection);
        Assert.Contains(hazards, h => h.Source == Core.Hazards.HazardSource.DepartmentInspection);
        Assert.Contains(hazards, h => h.Source == Core.Hazards.HazardSource.TownshipInspection);
        Assert.All(hazards.Where(h => h.Status != Core.Hazards.HazardStatus.Draft), h =>
        {
            Assert.True(h.FoundOn >= new DateOnly(2023, 5, 1) && h.FoundOn <= new DateOnly(2023, 8, 20), h.Title);
            Assert.True(h.ReportedOn is null || h.ReportedOn >= h.FoundOn);
            Assert.True(h.RectifiedOn is null || h.RectifiedOn >= (h.ReportedOn ?? h.FoundOn));
            Assert.True(h.VerifiedOn is null || h.VerifiedOn >= h.RectifiedOn);
        });

        // Every reported hazard sits in at least one queue, and history answers "rectified as of" like the row does.
        var routed = await db.HazardRoutes.Select(r => r.HazardId).Distinct().ToListAsync(ct);
        Assert.All(hazards.Where(h => h.ReportedOn is not null), h => Assert.Contains(h.Id, routed));
        var events = (await db.HazardEvents.AsNoTracking().ToListAsync(ct)).ToLookup(e => e.HazardId);
        Assert.All(hazards.Where(h => h.Status is Core.Hazards.HazardStatus.Rectified or Core.Hazards.HazardStatus.Verified),
            h => Assert.True(Core.Hazards.Hazard.RectifiedAsOf(events[h.Id], new DateOnly(2023, 8, 31)), h.Title));
        Assert.All(hazards.Where(h => h.Status is Core.Hazards.HazardStatus.Reported or Core.Hazards.HazardStatus.Registered),
            h => Assert.Equal(h.RectifiedOn is not null, Core.Hazards.Hazard.RectifiedAsOf(events[h.Id], new DateOnly(2023, 8, 31))));
    }

    [Fact]
    public async Task Every_scoped_entity_has_the_named_filter_and_a_forced_rls_policy()
    {
        await using var db = app.SystemDb();
        var scoped = db.Model.GetEntityTypes().Where(t => typeof(IScoped).IsAssignableFrom(t.ClrType)).ToList();
        Assert.NotEmpty(scoped);
        await using var conn = new NpgsqlConnection(app.OwnerConnection);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var entity in scoped)
        {
            Assert.Contains(entity.GetDeclaredQueryFilters(), f => f.Key == AppDbContext.TenantFilter);
            var table = entity.GetTableName()!;
            await using var cmd = new NpgsqlCommand("""
                SELECT c.relrowsecurity, c.relforcerowsecurity,
                       (SELECT count(*) FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = 'tenant'),
                       (SELECT qual FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = 'tenant')
                FROM pg_class c WHERE c.relname = @t
                """, conn);
            cmd.Parameters.AddWithValue("t", table);
            await using var reader = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken), table);
            Assert.True(reader.GetBoolean(0), $"{table}: row level security not enabled");
            Assert.True(reader.GetBoolean(1), $"{table}: row level security not forced");
            Assert.Equal(1L, reader.GetInt64(2));
            var qual = reader.GetString(3);
            Assert.Contains("SELECT hp_scope_path()", qual, StringComparison.Ordinal); // read once per statement (InitPlan)
            Assert.Equal(typeof(IScopeColumns).IsAssignableFrom(entity.ClrType), qual.StartsWith("COALESCE(", StringComparison.Ordinal));
            Assert.Equal(typeof(IEnterpriseOwned).IsAssignableFrom(entity.ClrType), qual.Contains("hp_scope_enterprise()", StringComparison.Ordinal));
            Assert.Equal(typeof(IBusinessRow).IsAssignableFrom(entity.ClrType), qual.Contains("hp_scope_business()", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Every table is under a forced RLS policy unless this list says why not (issue #19, finding 9): reference data
    /// every signed-in user reads, the identity tables (read by the sign-in before any scope exists, and only by
    /// the account services), the framework's own tables, and the metric aggregates (counts per jurisdiction,
    /// maintained by triggers and read only through services that ask for a jurisdiction in scope).
    /// </summary>
    [Fact]
    public async Task Every_table_has_a_forced_policy_or_a_stated_reason_not_to()
    {
        var exempt = new Dictionary<string, string>
        {
            ["__EFMigrationsHistory"] = "framework", ["data_protection_keys"] = "framework: the key ring, no tenant's data",
            ["calendar_days"] = "reference", ["campaigns"] = "reference", ["dispatch_templates"] = "reference", ["sectors"] = "reference",
            ["standards"] = "reference", ["security_policy"] = "reference: one row, the 等保 settings",
            ["users"] = "identity", ["roles"] = "identity", ["role_claims"] = "identity", ["user_claims"] = "identity",
            ["user_logins"] = "identity", ["user_roles"] = "identity", ["user_tokens"] = "identity",
            ["metric_counts"] = "aggregate", ["metric_contributions"] = "aggregate", ["metric_catalogue"] = "reference: the metric catalogue's copy",
            ["used_refresh_tokens"] = "framework: ids of refresh tokens already exchanged (no tenant's data)",
            ["audit_chain_head"] = "framework: the audit chain's last number and hash (a changed head breaks the chain at the next row)",
        };
        await using var conn = new NpgsqlConnection(app.OwnerConnection);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand("""
            SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity, (SELECT count(*) FROM pg_policies p WHERE p.tablename = c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            """, conn);
        var unguarded = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var (table, forced, policies) = (reader.GetString(0), reader.GetBoolean(1), reader.GetInt64(2));
            if (!exempt.ContainsKey(table) && (!forced || policies == 0))
            {
                unguarded.Add(table);
            }
        }

        Assert.Empty(unguarded);
    }

    [Fact]
    public async Task The_application_role_owns_nothing_and_cannot_bypass_rls()
    {
        await using var conn = new NpgsqlConnection(app.AppConnection);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand("""
            SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
                   (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid),
                   (SELECT count(*) FROM pg_namespace n WHERE n.nspowner = r.oid),
                   (SELECT count(*) FROM pg_database d WHERE d.datdba = r.oid),
                   (SELECT count(*) FROM pg_proc p WHERE p.proowner = r.oid)
            FROM pg_roles r WHERE r.rolname = current_user
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.False(reader.GetBoolean(0), "superuser");
        Assert.False(reader.GetBoolean(1), "bypassrls");
        Assert.False(reader.GetBoolean(2), "createrole");
        Assert.False(reader.GetBoolean(3), "createdb");
        Assert.Equal(0L, reader.GetInt64(4));
        Assert.Equal(0L, reader.GetInt64(5));
        Assert.Equal(0L, reader.GetInt64(6));
        Assert.Equal(0L, reader.GetInt64(7));
    }

    [Fact]
    public async Task With_no_scope_set_every_scoped_table_returns_no_rows()
    {
        await using var system = app.SystemDb();
        var tables = system.Model.GetEntityTypes().Where(t => typeof(IScoped).IsAssignableFrom(t.ClrType)).Select(t => t.GetTableName()!).ToList();
        await using var conn = new NpgsqlConnection(app.AppConnection);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", conn);
            Assert.Equal(0L, (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
        }

        // The same tables are not empty: the zero above is the policy, not an empty database.
        Assert.True(await system.Enterprises.AnyAsync(TestContext.Current.CancellationToken));
        Assert.True(await system.SectorLeads.AnyAsync(TestContext.Current.CancellationToken));
        await using var none = app.Db(AccessScope.None);
        Assert.Equal(0, await none.Jurisdictions.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await none.Enterprises.IgnoreQueryFilters([AppDbContext.TenantFilter]).CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_scope_column_filter_selects_exactly_the_ltree_subtree_at_every_depth()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var system = app.SystemDb();

        // Every node that holds hazards, and every ancestor of those nodes: 全国 to village.
        var paths = await system.Hazards.Select(h => h.Path.ToString()).Distinct().ToListAsync(ct);
        var scopes = paths.SelectMany(p => Enumerable.Range(1, p.Split('.').Length).Select(n => string.Join('.', p.Split('.')[..n]))).Distinct().ToList();
        Assert.Contains(scopes, s => s.Split('.').Length == 5);
        await using var conn = new NpgsqlConnection(app.OwnerConnection);
        await conn.OpenAsync(ct);
        foreach (var scope in scopes)
        {
            var user = AccessScope.ForUser(Guid.NewGuid(), "t", [Roles.SafetyOffice], scope, Guid.NewGuid(), null);
            await using var db = app.Db(user);
            var viaFilter = await db.Hazards.Select(h => h.Id).OrderBy(id => id).ToListAsync(ct);
            var viaHelper = await ScopeColumns.Within(system.Hazards, scope).Select(h => h.Id).OrderBy(id => id).ToListAsync(ct);
            var viaLtree = await system.Hazards.Where(h => h.Path.IsDescendantOf(new LTree(scope))).Select(h => h.Id).OrderBy(id => id).ToListAsync(ct);
            Assert.NotEmpty(viaLtree);
            Assert.Equal(viaLtree, viaFilter);
            Assert.Equal(viaLtree, viaHelper);
        }

        // The generated columns are the path's labels.
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*) FROM hazards WHERE province_code IS DISTINCT FROM (string_to_array(path::text, '.'))[2]
               OR prefecture_code IS DISTINCT FROM (string_to_array(path::text, '.'))[3]
               OR county_code IS DISTINCT FROM (string_to_array(path::text, '.'))[4]
               OR township_code IS DISTINCT FROM (string_to_array(path::text, '.'))[5]
               OR awaiting_rectification <> (status IN ('Registered', 'Reported') AND rectified_on IS NULL)
            """, conn);
        await using var system2 = new NpgsqlCommand("SELECT set_config('hp.scope_path', '000000000000', false), set_config('hp.business', 'on', false)", conn);
        await system2.ExecuteNonQueryAsync(ct);
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync(ct))!);
    }

    [Fact]
    public async Task A_reused_pooled_connection_never_carries_the_previous_scope()
    {
        // The pool EF uses (the portal's own settings: bounded, auto-prepared statements), one connection.
        var single = DatabaseSetup.BoundedPool(new NpgsqlConnectionStringBuilder(app.AppConnection) { MaxPoolSize = 1, ApplicationName = "pool-reuse" }.ConnectionString);
        var scope = AccessScope.ForUser(Guid.NewGuid(), "jx.office", [Roles.SafetyOffice], "000000000000.360000000000.360100000000.360124000000", null, null);
        int firstPid;
        await using (var db = DatabaseSetup.Open(single, scope))
        {
            Assert.True(await db.Enterprises.CountAsync(TestContext.Current.CancellationToken) > 30);
            firstPid = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync(TestContext.Current.CancellationToken);
        }

        await using var conn = new NpgsqlConnection(DatabaseSetup.BoundedPool(single));
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand("SELECT pg_backend_pid(), coalesce(current_setting('hp.scope_path', true), ''), (SELECT count(*) FROM enterprises)", conn);
        await using var reader = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(firstPid, reader.GetInt32(0));
        Assert.Equal(string.Empty, reader.GetString(1));
        Assert.Equal(0L, reader.GetInt64(2));
    }

    [Fact]
    public async Task The_audit_log_refuses_update_and_delete_from_the_application_role_and_the_owner()
    {
        await using (var db = app.Db(AccessScope.ActorOnly("test")))
        {
            db.AuditEntries.Add(new Core.Audit.AuditEntry { Actor = "test", Action = "test.written" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        foreach (var connection in new[] { app.AppConnection, app.OwnerConnection })
        {
            await using var conn = new NpgsqlConnection(connection);
            await conn.OpenAsync(TestContext.Current.CancellationToken);
            foreach (var sql in new[] { "UPDATE audit_log SET actor = 'forged'", "DELETE FROM audit_log", "TRUNCATE audit_log" })
            {
                await using var cmd = new NpgsqlCommand(sql, conn);
                var error = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
            }
        }

        await using var check = app.AuditDb();
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "test.written", TestContext.Current.CancellationToken));
        Assert.False(await check.AuditEntries.AnyAsync(a => a.Actor == "forged", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("admin", Roles.Auditor)]
    [InlineData("secadmin", Roles.SystemAdmin)]
    [InlineData("auditor", Roles.SafetyOffice)]
    [InlineData("jx.office", Roles.SecurityAdmin)]
    public async Task The_database_refuses_a_second_role_beside_an_administrative_one(string userName, string role)
    {
        await using var conn = new NpgsqlConnection(app.AppConnection);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO user_roles (user_id, role_id)
            SELECT u.id, r.id FROM users u, roles r WHERE u.user_name = @u AND r.name = @r
            """, conn);
        cmd.Parameters.AddWithValue("u", userName);
        cmd.Parameters.AddWithValue("r", role);
        var error = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        Assert.Equal("ck_user_roles_separation", error.ConstraintName);
    }

    [Fact]
    public async Task A_business_role_pair_is_accepted_by_the_database()
    {
        await using var conn = new NpgsqlConnection(app.AppConnection);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO user_roles (user_id, role_id)
            SELECT u.id, r.id FROM users u, roles r WHERE u.user_name = 'jx.ent.minhe2' AND r.name = 'EnterpriseHead'
            """, conn);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_save_guard_refuses_writes_outside_the_scope_and_without_one()
    {
        var minhe = AccessScope.ForUser(Guid.NewGuid(), "jx.minhe", [Roles.TownshipCadre], "000000000000.360000000000.360100000000.360124000000.360124100000", null, null);
        await using (var db = app.Db(minhe))
        {
            db.Places.Add(new Place { Name = "越界场所", JurisdictionCode = "360124101000", SectorCode = "GAS", Path = new LTree("000000000000.360000000000.360100000000.360124000000.360124101000") });
            await Assert.ThrowsAsync<ScopeViolationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        }

        await using (var db = app.Db(AccessScope.None))
        {
            db.CalendarDays.Add(new CalendarDay { Date = new DateOnly(2030, 1, 1), Name = "test" });
            await Assert.ThrowsAsync<ScopeViolationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        }

        await using var system = app.SystemDb();
        Assert.False(await system.Places.AnyAsync(p => p.Name == "越界场所", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Rls_refuses_a_raw_insert_outside_the_scope_even_without_the_app_guard()
    {
        await using var conn = new NpgsqlConnection(app.AppConnection);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand("""
            SELECT set_config('hp.scope_path', '000000000000.360000000000.360100000000.360124000000.360124100000', false);
            INSERT INTO places (id, name, jurisdiction_code, path, sector_code, is_park, disabled, created_at)
            VALUES (gen_random_uuid(), '越界', '360124101000', '000000000000.360000000000.360100000000.360124000000.360124101000', 'GAS', false, false, now());
            """, conn);
        var error = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Every_change_is_audited_with_actor_and_before_after()
    {
        var scope = AccessScope.System("audit-test");
        Guid id;
        await using (var db = app.Db(scope))
        {
            var place = new Place { Name = "审计测试场所", JurisdictionCode = "360124100000", SectorCode = "GAS", Path = new LTree("000000000000.360000000000.360100000000.360124000000.360124100000") };
            db.Places.Add(place);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            place.Address = "新地址";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            id = place.Id;
        }

        await using var check = app.AuditDb();
        var entries = await check.AuditEntries.Where(a => a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["place.created", "place.updated"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("system:audit-test", e.Actor));
        Assert.Contains("新地址", entries[1].After, StringComparison.Ordinal);
        Assert.Contains("\"Address\": null", entries[1].Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lead_departments_come_from_the_map_and_fall_back_to_the_safety_office()
    {
        await using var db = app.SystemDb();
        var hazchem = await LeadDepartments.ForAsync(db, "360124000000", "HAZCHEM", TestContext.Current.CancellationToken);
        Assert.Equal(["进贤县应急管理局"], hazchem.Select(u => u.Name));
        var coal = await LeadDepartments.ForAsync(db, "360124000000", "MINE.COAL", TestContext.Current.CancellationToken);
        Assert.Equal(["进贤县应急管理局"], coal.Select(u => u.Name));
        var parks = await LeadDepartments.ForAsync(db, "360124000000", "PARKS", TestContext.Current.CancellationToken);
        Assert.Equal(["进贤县安委办"], parks.Select(u => u.Name));
    }
}

/// <summary>
/// The cluster's connection strings (issue #18, ADR 0017) name several hosts (<c>Host=a,b;Target Session Attributes=primary</c>):
/// the setup of a fresh database through them migrates, imports and leaves data sources that know the ltree type.
/// </summary>
public class MultiHostSetupTests(MultiHostSetupTests.App app) : IClassFixture<MultiHostSetupTests.App>
{
    public sealed class App : PortalApp;

    private static string MultiHost(string connection)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        builder.Host = $"{builder.Host}:{builder.Port},{builder.Host}:{builder.Port}";
        builder.TargetSessionAttributes = "primary";
        return builder.ConnectionString;
    }

    [Fact]
    public async Task A_fresh_database_set_up_through_a_multi_host_connection_string_reads_its_ltree_paths()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = await app.Cluster.CreateEmptyDatabaseAsync("multihost");
        var options = new DatabaseOptions
        {
            Owner = MultiHost(app.Cluster.ConnectionString(name, owner: true)),
            App = MultiHost(app.Cluster.ConnectionString(name, owner: false)),
        };
        await DatabaseSetup.RunAsync(options, NullLogger.Instance, ct);

        await using var db = DatabaseSetup.Open(options.App, AccessScope.System("test"));
        var minhe = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == "360124100000", ct);
        Assert.Equal("000000000000.360000000000.360100000000.360124000000.360124100000", minhe.Path.ToString());
        Assert.Equal(ReferenceDataImporter.Jurisdictions().Count + 1, await db.Jurisdictions.CountAsync(j => j.Path.IsDescendantOf(new Microsoft.EntityFrameworkCore.LTree("000000000000")), ct));
    }
}
