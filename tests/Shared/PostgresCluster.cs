using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HazardPortal.Core.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HazardPortal.Tests;

/// <summary>
/// The PostgreSQL server of one test run, with a migrated, demo-seeded template database that each
/// test class clones in well under a second. Where it comes from (<see cref="Choose"/>):
/// HAZARDPORTAL_TEST_PG (an admin connection string) → that server; else a reachable Docker engine →
/// a PostgreSQL 15 container through Testcontainers; else a throwaway cluster started from the
/// machine's own binaries (what these machines and CI run: no Docker engine runs here).
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
    private Testcontainers.PostgreSql.PostgreSqlContainer? container;

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

    private Task<int>? standby;

    /// <summary>
    /// A streaming standby of this cluster (pg_basebackup, then hot standby on a port of its own), started once on first
    /// use: its port. Databases created afterwards reach it by replication. Only the throwaway local cluster (what CI and
    /// these machines use) can have one: the test needs the machine's own binaries and the cluster's data directory.
    /// </summary>
    public Task<int> StandbyPortAsync()
    {
        lock (Gate)
        {
            return standby ??= StartStandbyAsync();
        }
    }

    private async Task<int> StartStandbyAsync()
    {
        if (directory is null || binDirectory is null)
        {
            throw new InvalidOperationException("A standby needs the throwaway local cluster (unset HAZARDPORTAL_TEST_PG, no Docker engine): its binaries and data directory.");
        }

        var primaryPort = new NpgsqlConnectionStringBuilder(AdminConnection).Port;
        var port = FreePort();
        await RunAsync(Path.Combine(binDirectory, "pg_basebackup"), $"-h 127.0.0.1 -p {primaryPort} -U postgres -D {directory}/standby -R -X stream --checkpoint=fast --no-sync", asPostgres: true);
        // (A fast checkpoint: the default spread one would hold the backup for minutes.) A hot standby needs at least the primary's max_connections.
        await RunAsync(Path.Combine(binDirectory, "pg_ctl"), $"-D {directory}/standby -l {directory}/standby.log -w start -o \"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\"", asPostgres: true);
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (standby is { IsCompletedSuccessfully: true } && directory is not null && binDirectory is not null)
        {
            await RunAsync(Path.Combine(binDirectory, "pg_ctl"), $"-D {directory}/standby -m immediate -w stop", asPostgres: true);
        }

        if (container is not null)
        {
            await container.DisposeAsync();
            container = null;
        }

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

    public enum Source
    {
        /// <summary>HAZARDPORTAL_TEST_PG names an existing server.</summary>
        External,

        /// <summary>A PostgreSQL 15 container through Testcontainers.</summary>
        Container,

        /// <summary>A throwaway cluster from /usr/lib/postgresql/*/bin.</summary>
        LocalCluster,
    }

    /// <summary>The image of the container path, named explicitly (the parameterless builder is obsolete).</summary>
    public const string Image = "postgres:15";

    /// <summary>Where the test server comes from: the variable first, then Docker, then the machine's binaries.</summary>
    public static Source Choose(string? externalConnection, bool dockerReachable) =>
        !string.IsNullOrWhiteSpace(externalConnection) ? Source.External
        : dockerReachable ? Source.Container
        : Source.LocalCluster;

    /// <summary>
    /// Whether a Docker engine answers: DOCKER_HOST (unix:// or tcp://) or /var/run/docker.sock must accept
    /// a connection and answer /_ping with OK. The docker client alone (as on these machines) is not enough.
    /// </summary>
    public static bool DockerReachable(string? dockerHost = null, string socketPath = "/var/run/docker.sock")
    {
        dockerHost ??= Environment.GetEnvironmentVariable("DOCKER_HOST");
        try
        {
            using var socket = dockerHost switch
            {
                { } h when h.StartsWith("tcp://", StringComparison.Ordinal) => Connect(new Uri(h)),
                { } h when h.StartsWith("unix://", StringComparison.Ordinal) => ConnectUnix(h["unix://".Length..]),
                { Length: > 0 } => null,
                _ => File.Exists(socketPath) ? ConnectUnix(socketPath) : null,
            };
            if (socket is null)
            {
                return false;
            }

            socket.ReceiveTimeout = 2000;
            socket.Send("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8);
            var buffer = new byte[512];
            var read = socket.Receive(buffer);
            var answer = System.Text.Encoding.ASCII.GetString(buffer, 0, read);
            return answer.StartsWith("HTTP/1.", StringComparison.Ordinal) && answer.Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static Socket ConnectUnix(string path) =>
        Open(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), s => s.Connect(new UnixDomainSocketEndPoint(path)));

    private static Socket Connect(Uri uri) =>
        Open(new Socket(SocketType.Stream, ProtocolType.Tcp), s => s.Connect(uri.Host, uri.Port));

    private static Socket Open(Socket socket, Action<Socket> connect)
    {
        try
        {
            connect(socket);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("HAZARDPORTAL_TEST_PG");
        PostgresCluster cluster;
        var source = Choose(external, string.IsNullOrWhiteSpace(external) && DockerReachable());
        if (source == Source.External)
        {
            cluster = new PostgresCluster(external!, null, null);
        }
        else if (source == Source.Container)
        {
            var container = new Testcontainers.PostgreSql.PostgreSqlBuilder(Image)
                .WithUsername("postgres")
                .WithPassword(RolePassword)
                .WithDatabase("postgres")
                .WithCommand("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300")
                .Build();
            await container.StartAsync();
            cluster = new PostgresCluster(container.GetConnectionString() + ";Pooling=false", null, null) { container = container };
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
