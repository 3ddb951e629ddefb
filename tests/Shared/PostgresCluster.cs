using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HazardPortal.Core.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HazardPortal.Tests;

/// <summary>
/// A private PostgreSQL cluster for one test run, started from the machine's own binaries
/// (Testcontainers cannot restore here and no Docker runs), with a migrated, demo-seeded template
/// database that each test class clones in well under a second. HAZARDPORTAL_TEST_PG (an admin
/// connection string) uses an existing server instead.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string OwnerRole = "hp_test_owner";
    public const string AppRole = "hp_test_app";
    public const string RolePassword = "test-only-password";
    public const string Template = "hp_template";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Task<PostgresCluster>? shared;
    private string? directory;
    private string? binDirectory;
    private int counter;

    private PostgresCluster(string adminConnection, string? directory, string? binDirectory)
    {
        AdminConnection = adminConnection;
        this.directory = directory;
        this.binDirectory = binDirectory;
    }

    public string AdminConnection { get; }

    /// <summary>The one cluster of this test process, started on first use and stopped at exit.</summary>
    public static Task<PostgresCluster> SharedAsync()
    {
        lock (Gate)
        {
            return shared ??= StartAsync();
        }
    }

    public string ConnectionString(string database, bool owner) =>
        new NpgsqlConnectionStringBuilder(AdminConnection)
        {
            Database = database,
            Username = owner ? OwnerRole : AppRole,
            Password = RolePassword,
            Pooling = true,
        }.ConnectionString;

    /// <summary>A fresh database cloned from the migrated, demo-seeded template.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref counter)}".ToLowerInvariant();
        await Gate.WaitAsync();
        try
        {
            await ExecuteAsync(AdminConnection, $"""CREATE DATABASE "{name}" TEMPLATE {Template} OWNER {OwnerRole}""");
        }
        finally
        {
            Gate.Release();
        }

        await ExecuteAsync(AdminConnection, $"""REVOKE ALL ON DATABASE "{name}" FROM PUBLIC; GRANT CONNECT, TEMPORARY ON DATABASE "{name}" TO {AppRole};""");
        return name;
    }

    /// <summary>An empty database owned by the test owner, for the migration tests.</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref counter)}".ToLowerInvariant();
        await ExecuteAsync(AdminConnection, $"""CREATE DATABASE "{name}" OWNER {OwnerRole} TEMPLATE template0""");
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (directory is not null && binDirectory is not null)
        {
            await RunAsync(Path.Combine(binDirectory, "pg_ctl"), $"-D {directory}/data -m immediate -w stop", asPostgres: true);
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A stopped cluster's files are gone with /tmp anyway.
            }

            directory = null;
        }
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("HAZARDPORTAL_TEST_PG");
        PostgresCluster cluster;
        if (!string.IsNullOrEmpty(external))
        {
            cluster = new PostgresCluster(external, null, null);
        }
        else
        {
            var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.Parse(Path.GetFileName(d))).Select(d => Path.Combine(d, "bin")).First(d => File.Exists(Path.Combine(d, "initdb")));
            var dir = Path.Combine(Path.GetTempPath(), $"hp-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..24]);
            Directory.CreateDirectory(dir);
            if (IsRoot)
            {
                await RunAsync("chown", $"postgres:postgres {dir}", asPostgres: false);
            }

            await RunAsync(Path.Combine(bin, "initdb"), $"-D {dir}/data -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync", asPostgres: true);
            var port = FreePort();
            await RunAsync(Path.Combine(bin, "pg_ctl"), $"-D {dir}/data -l {dir}/server.log -w start -o \"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\"", asPostgres: true);
            cluster = new PostgresCluster($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", dir, bin);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        await cluster.PrepareTemplateAsync();
        return cluster;
    }

    private async Task PrepareTemplateAsync()
    {
        await ExecuteAsync(AdminConnection, $"""
            DROP DATABASE IF EXISTS {Template};
            """);
        var options = new DatabaseOptions
        {
            Admin = AdminConnection,
            Owner = ConnectionString(Template, owner: true),
            App = ConnectionString(Template, owner: false),
            SeedDemo = true,
        };
        await DatabaseSetup.RunAsync(options, NullLogger.Instance);
        NpgsqlConnection.ClearAllPools();
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string arguments, bool asPostgres)
    {
        var info = asPostgres && IsRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stdout} {await stderr}");
        }
    }
}
