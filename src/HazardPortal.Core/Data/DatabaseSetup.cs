using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Core.ReferenceData;
using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HazardPortal.Core.Data;

/// <summary>
/// Brings a database to the current schema: roles and database (when an admin connection is given),
/// migrations as the owner, grants for the application role, reference data, and the demo once.
/// Idempotent: safe on every start.
/// </summary>
public static class DatabaseSetup
{
    public static Task RunAsync(DatabaseOptions options, ILogger logger, CancellationToken ct = default) =>
        RunAsync(options, logger, TimeProvider.System, ct);

    /// <param name="clock">The campaign's clock: record timestamps of the reference data and the demo follow it.</param>
    public static async Task RunAsync(DatabaseOptions options, ILogger logger, TimeProvider clock, CancellationToken ct = default)
    {
        var owner = new NpgsqlConnectionStringBuilder(options.Owner);
        var app = new NpgsqlConnectionStringBuilder(options.App);
        if (!string.IsNullOrEmpty(options.Admin))
        {
            await EnsureRolesAndDatabaseAsync(options.Admin, owner, app, logger, ct);
        }

        await MigrateAsync(options.Owner, ct);
        await ExecuteAsync(options.Owner, Rls.GrantApplicationRole(app.Username!), ct);

        // Short queries only: JIT compilation costs tens of milliseconds that an OLTP request never wins back
        // (measured: a township's form prefill went from 105 ms to 2 ms). New sessions pick it up.
        await ExecuteAsync(options.Owner, $"ALTER DATABASE {Rls.QuoteIdentifier(owner.Database!)} SET jit = off", ct);
        logger.LogInformation("Database {Database} migrated; application role {AppRole} granted", owner.Database, app.Username);

        await using (var db = Open(options.Owner, AccessScope.System("seed-reference"), clock))
        {
            await ReferenceDataImporter.ImportAsync(db, ct);
            await SeedRolesAndPolicyAsync(db, ct);
        }

        if (options.SeedDemo)
        {
            await using var db = Open(options.Owner, AccessScope.System("seed-demo"), clock);
            if (await Demo.DemoSeeder.SeedAsync(db, ct))
            {
                logger.LogInformation("Demo data seeded");
            }
        }

        if (!string.IsNullOrEmpty(options.Divisions))
        {
            await using var db = Open(options.Owner, AccessScope.System("seed-divisions"), clock);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var outcome = await DivisionImport.ImportListAsync(db, options.Divisions, ChinaTime.Today(clock), ct);
            logger.LogInformation(
                "Division list {Year} imported from {Directory} in {Seconds:F1} s: {Listed} listed, {Added} added, {Changed} changed, {Retired} retired, {Restored} restored",
                DivisionImport.ListYear, options.Divisions, started.Elapsed.TotalSeconds, outcome.Listed, outcome.Added, outcome.Changed, outcome.Retired, outcome.Restored);
        }
    }

    public static async Task EnsureRolesAndDatabaseAsync(string adminConnection, NpgsqlConnectionStringBuilder owner, NpgsqlConnectionStringBuilder app, ILogger logger, CancellationToken ct = default)
    {
        var admin = new NpgsqlConnectionStringBuilder(adminConnection) { Pooling = false };
        admin.Database ??= "postgres";
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync(ct);
        await EnsureRoleAsync(conn, owner.Username!, owner.Password, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS", ct);
        await EnsureRoleAsync(conn, app.Username!, app.Password, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT", ct);

        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @d", conn))
        {
            exists.Parameters.AddWithValue("d", owner.Database!);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await ExecuteAsync(conn, $"CREATE DATABASE {Rls.QuoteIdentifier(owner.Database!)} OWNER {Rls.QuoteIdentifier(owner.Username!)} ENCODING 'UTF8' TEMPLATE template0", ct);
                logger.LogInformation("Created database {Database}", owner.Database);
            }
        }

        await ExecuteAsync(conn, $"""
            REVOKE ALL ON DATABASE {Rls.QuoteIdentifier(owner.Database!)} FROM PUBLIC;
            GRANT CONNECT, TEMPORARY ON DATABASE {Rls.QuoteIdentifier(owner.Database!)} TO {Rls.QuoteIdentifier(app.Username!)};
            """, ct);
    }

    public static async Task MigrateAsync(string ownerConnection, CancellationToken ct = default)
    {
        // Its own connection string, hence its own data source: the type cache of the owner's data source is then first
        // loaded after the migrations created the extensions (ltree). Npgsql reloads a single host's types after a
        // migration, but not a multi-host data source's (the cluster's Host=a,b), whose first use would not know ltree.
        var migrate = new NpgsqlConnectionStringBuilder(ownerConnection) { ApplicationName = "hazardportal-migrate" }.ConnectionString;
        await using var db = Open(migrate, AccessScope.System("migrate"));
        // A migration that adds a column or index to a national-size table runs for minutes.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.MigrateAsync(ct);
    }

    public static AppDbContext Open(string connectionString, AccessScope scope, TimeProvider? clock = null) =>
        new(BuildOptions(connectionString, clock), scope);

    /// <param name="clock">The campaign's clock, which stamps new rows and audit entries (real time when null).</param>
    public static DbContextOptions<AppDbContext> BuildOptions(string connectionString, TimeProvider? clock = null) =>
        Configure(new DbContextOptionsBuilder<AppDbContext>(), connectionString, clock).Options;

    public static DbContextOptionsBuilder<AppDbContext> Configure(DbContextOptionsBuilder<AppDbContext> builder, string connectionString, TimeProvider? clock = null) =>
        builder
            .UseNpgsql(BoundedPool(connectionString), npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory"))
            .AddInterceptors(new ScopeConnectionInterceptor(), new ScopeGuardInterceptor(clock ?? TimeProvider.System));

    /// <summary>
    /// Auto-prepares the frequent statements, and keeps the pool below PostgreSQL's default 100 connections (room for the owner, jobs and psql): under
    /// a burst, requests wait for a pooled connection instead of failing with "remaining connection
    /// slots are reserved". An explicit Maximum Pool Size in the connection string wins.
    /// </summary>
    public static string BoundedPool(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("pool size", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("maxpoolsize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = 60;
        }

        // The same few statements run for every form, ledger page and submission: prepared once per
        // connection, PostgreSQL stops re-planning them (planning the form statement cost more than running it).
        if (!connectionString.Contains("auto prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    private static async Task SeedRolesAndPolicyAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.All.Where(r => !existing.Contains(r)))
        {
            db.Roles.Add(new AppRole { Name = role, NormalizedName = role.ToUpperInvariant(), ChineseName = Roles.ChineseName(role) });
        }

        if (!await db.SecurityPolicies.AnyAsync(ct))
        {
            db.SecurityPolicies.Add(SecurityPolicy.Baseline);
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task EnsureRoleAsync(NpgsqlConnection conn, string name, string? password, string attributes, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_roles WHERE rolname = @n", conn);
        exists.Parameters.AddWithValue("n", name);
        var verb = await exists.ExecuteScalarAsync(ct) is null ? "CREATE" : "ALTER";
        var pwd = string.IsNullOrEmpty(password) ? string.Empty : $" PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'";
        await ExecuteAsync(conn, $"{verb} ROLE {Rls.QuoteIdentifier(name)} WITH {attributes}{pwd}", ct);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await ExecuteAsync(conn, sql, ct);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Start-up DDL written in code: role and database names are quoted with QuoteIdentifier; no request reaches it.")]
    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
