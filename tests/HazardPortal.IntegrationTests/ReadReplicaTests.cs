using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HazardPortal.Tests;
using Microsoft.AspNetCore.Hosting;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// The dashboard and the flags read where <c>Database:Reads</c> points when that is a standby near enough (issue #18 §2; the real
/// standby is the failover bench's, <c>./portal bench --only failover</c>). Here, without a standby: reads configured
/// with <c>prefer-standby</c> land on the primary, and a read source out of reach (the standby stopped) falls back to
/// the primary — the dashboard answers either way, says it read the primary and how current its data is.
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
