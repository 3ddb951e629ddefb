using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// The dashboard and the flags read where <c>Database:Reads</c> points when that is a standby near enough (issue #18 §2).
/// With a real streaming standby of the test cluster: they read there and say so, a read the standby's going cuts short
/// is read again on the primary, and a read that must see what was just written reads the primary. Without one: reads
/// configured with <c>prefer-standby</c> land on the primary, and a read source out of reach (the standby stopped) falls
/// back to the primary — the dashboard answers either way, says it read the primary and how current its data is.
/// </summary>
public class ReadReplicaTests
{
    public sealed class OnPrimary : PortalApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // The same server named twice (prefer-standby needs a host list): no standby among them.
            var reads = new Npgsql.NpgsqlConnectionStringBuilder(AppConnection);
            reads.Host = $"{reads.Host}:{reads.Port},{reads.Host}:{reads.Port}";
            reads.TargetSessionAttributes = "prefer-standby";
            builder.UseSetting("Database:Reads", reads.ConnectionString);
        }
    }

    /// <summary>The portal with <c>Database:Reads</c> on a streaming standby of the test cluster.</summary>
    public sealed class OnStandby : PortalApp
    {
        private int standbyPort;

        public override async ValueTask InitializeAsync()
        {
            standbyPort = await (await PostgresCluster.SharedAsync()).StandbyPortAsync();
            await base.InitializeAsync();
            // The database this class cloned reaches the standby by replication: wait until it is there.
            var admin = new Npgsql.NpgsqlConnectionStringBuilder(Cluster.AdminConnection) { Port = standbyPort }.ConnectionString;
            for (var i = 0; ; i++)
            {
                await using var conn = new Npgsql.NpgsqlConnection(admin);
                await conn.OpenAsync();
                await using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @d", conn);
                cmd.Parameters.AddWithValue("d", Database);
                if ((long)(await cmd.ExecuteScalarAsync())! == 1)
                {
                    break;
                }

                Assert.True(i < 100, "the standby did not receive the test database within 10 s");
                await Task.Delay(100);
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // As the cluster names them: the standby and the primary, the standby preferred.
            var reads = new Npgsql.NpgsqlConnectionStringBuilder(AppConnection) { TargetSessionAttributes = "prefer-standby" };
            reads.Host = $"127.0.0.1:{standbyPort},127.0.0.1:{reads.Port}";
            builder.UseSetting("Database:Reads", reads.ConnectionString);
        }
    }

    public class WithAStandby(OnStandby app) : IClassFixture<OnStandby>
    {
        private static CancellationToken Ct => TestContext.Current.CancellationToken;

        [Fact]
        public async Task The_dashboard_and_the_flags_read_on_the_standby_and_say_so_in_the_caller_s_scope()
        {
            using var office = await app.ClientForAsync("jx.office");
            var dashboard = await office.GetFromJsonAsync<JsonElement>("/api/v1/dashboard", Ct);
            Assert.Equal("进贤县", dashboard.GetProperty("name").GetString());
            Assert.True(dashboard.GetProperty("fromStandby").GetBoolean());
            Assert.True(dashboard.GetProperty("children").GetArrayLength() > 0);
            var flags = await office.GetFromJsonAsync<JsonElement>("/api/v1/flags", Ct);
            Assert.True(flags.GetProperty("fromStandby").GetBoolean());

            // Row security holds on the standby too: another prefecture's office does not see 进贤县.
            using var honghe = await app.ClientForAsync("hh.office");
            Assert.Equal(HttpStatusCode.NotFound, (await honghe.GetAsync("/api/v1/dashboard?unit=360124000000", Ct)).StatusCode);
        }

        [Fact]
        public async Task A_read_the_standby_s_going_cuts_short_is_read_again_on_the_primary_and_other_failures_are_not()
        {
            var reads = app.Services.GetRequiredService<HazardPortal.Core.Data.ReadReplica>();
            var scope = HazardPortal.Core.Tenancy.AccessScope.System("test");
            var tries = new List<bool>();
            var answer = await reads.ReadAsync(scope, async (db, _, fromStandby) =>
            {
                tries.Add(fromStandby);
                if (fromStandby)
                {
                    throw new Npgsql.PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01");
                }

                return await db.Jurisdictions.CountAsync(Ct);
            }, ct: Ct);
            Assert.Equal([true, false], tries);
            Assert.True(answer > 0);

            // A bug of the read is not retried: it surfaces as it is.
            tries.Clear();
            await Assert.ThrowsAsync<Npgsql.PostgresException>(() => reads.ReadAsync<int>(scope, (_, _, fromStandby) =>
            {
                tries.Add(fromStandby);
                throw new Npgsql.PostgresException("relation does not exist", "ERROR", "ERROR", "42P01");
            }, ct: Ct));
            Assert.Equal([true], tries);

            // What the caller just wrote must show: the primary, whatever the standby's lag.
            Assert.False(await reads.ReadAsync(scope, (_, _, fromStandby) => Task.FromResult(fromStandby), primaryOnly: true, ct: Ct));
        }
    }

    public sealed class StandbyGone : PortalApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // The application role at two addresses where nothing listens.
            var reads = new Npgsql.NpgsqlConnectionStringBuilder(AppConnection) { Host = "127.0.0.1:1,127.0.0.1:2", TargetSessionAttributes = "prefer-standby", Timeout = 2 };
            builder.UseSetting("Database:Reads", reads.ConnectionString);
        }
    }

    private static async Task DashboardReadsThePrimaryAsync(PortalApp app)
    {
        using var office = await app.ClientForAsync("jx.office");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var response = await office.GetAsync("/api/v1/dashboard", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dashboard = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("进贤县", dashboard.GetProperty("name").GetString());
        Assert.False(dashboard.GetProperty("fromStandby").GetBoolean());
        Assert.True(dashboard.GetProperty("dataAsOf").GetDateTimeOffset() >= before);
        Assert.True(dashboard.GetProperty("children").GetArrayLength() > 0);

        // The flags read the same way and say so.
        var flags = await office.GetAsync("/api/v1/flags", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, flags.StatusCode);
        var found = await flags.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("进贤县", found.GetProperty("name").GetString());
        Assert.False(found.GetProperty("fromStandby").GetBoolean());
        Assert.True(found.GetProperty("dataAsOf").GetDateTimeOffset() >= before);

        // The read context keeps the caller's scope: another prefecture's office does not see 进贤县.
        using var honghe = await app.ClientForAsync("hh.office");
        Assert.Equal(HttpStatusCode.NotFound, (await honghe.GetAsync("/api/v1/dashboard?unit=360124000000", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await honghe.GetAsync("/api/v1/flags?unit=360124000000", TestContext.Current.CancellationToken)).StatusCode);
    }

    public class WithPreferStandby(OnPrimary app) : IClassFixture<OnPrimary>
    {
        [Fact]
        public Task Reads_that_prefer_a_standby_where_there_is_none_read_the_primary() => DashboardReadsThePrimaryAsync(app);
    }

    public class WithTheStandbyStopped(StandbyGone app) : IClassFixture<StandbyGone>
    {
        [Fact]
        public Task Reads_whose_standby_is_out_of_reach_fall_back_to_the_primary_with_no_error() => DashboardReadsThePrimaryAsync(app);
    }
}
